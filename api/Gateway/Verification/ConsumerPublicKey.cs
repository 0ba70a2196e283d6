using System.Formats.Asn1;
using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace SessionService.Api.Gateway.Verification;

/// <summary>
/// A consumer's public key as read from its PEM: the JWK key type and curve it is, its RSA size, and its
/// SubjectPublicKeyInfo (from which each verifier imports its own .NET key object).
/// </summary>
/// <param name="KeyType">The JWK <c>kty</c>: <c>RSA</c>, <c>EC</c> or <c>OKP</c>.</param>
/// <param name="Curve">The JWK <c>crv</c> (<c>P-256</c>, <c>P-384</c>, <c>P-521</c>, <c>Ed25519</c>), null for RSA.</param>
/// <param name="RsaBits">The RSA modulus size, 0 for other keys.</param>
/// <param name="RawKey">The subjectPublicKey bits (for Ed25519, the 32-byte key).</param>
internal sealed record ConsumerPublicKey(string KeyType, string? Curve, int RsaBits, byte[] SubjectPublicKeyInfo, byte[] RawKey)
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";
    private const string Ed25519Oid = "1.3.101.112";

    private static readonly Dictionary<string, string> CurvesByOid = new(StringComparer.Ordinal)
    {
        ["1.2.840.10045.3.1.7"] = "P-256",
        ["1.3.132.0.34"] = "P-384",
        ["1.3.132.0.35"] = "P-521",
    };

    /// <summary>
    /// The first PEM block of <paramref name="pem"/>: <c>PUBLIC KEY</c> (SPKI: RSA, EC on a NIST curve,
    /// Ed25519) or <c>RSA PUBLIC KEY</c> (PKCS#1). Null with a reason when it is anything else.
    /// </summary>
    public static ConsumerPublicKey? Read(string pem, out string? problem)
    {
        try
        {
            return ReadPem(pem, out problem);
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException or FormatException)
        {
            problem = "the public key is not a valid PEM public key";
            return null;
        }
    }

    private static ConsumerPublicKey? ReadPem(string pem, out string? problem)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            problem = "the public key is not in PEM format";
            return null;
        }

        var label = pem.AsSpan()[fields.Label];
        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem.AsSpan()[fields.Base64Data], der, out var written) || written != der.Length)
        {
            problem = "the public key is not in PEM format";
            return null;
        }

        if (label.SequenceEqual("RSA PUBLIC KEY"))
        {
            using var rsa = RSA.Create();
            rsa.ImportRSAPublicKey(der, out var read);
            problem = read == der.Length ? null : "the RSA public key has trailing data";
            return problem is null ? new("RSA", null, rsa.KeySize, rsa.ExportSubjectPublicKeyInfo(), der) : null;
        }

        if (!label.SequenceEqual("PUBLIC KEY"))
        {
            problem = $"expected a PEM \"PUBLIC KEY\" (or \"RSA PUBLIC KEY\"), got \"{label}\"";
            return null;
        }

        return ReadSubjectPublicKeyInfo(der, out problem);
    }

    private static ConsumerPublicKey? ReadSubjectPublicKeyInfo(byte[] der, out string? problem)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var spki = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var algorithm = spki.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        var parameter = algorithm.HasData && algorithm.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier)
            ? algorithm.ReadObjectIdentifier()
            : null;
        var raw = spki.ReadBitString(out var unusedBits);
        spki.ThrowIfNotEmpty();

        problem = null;
        switch (oid)
        {
            case RsaOid:
            {
                using var rsa = RSA.Create();
                rsa.ImportSubjectPublicKeyInfo(der, out _);
                return new("RSA", null, rsa.KeySize, der, raw);
            }

            case EcOid when parameter is not null && CurvesByOid.TryGetValue(parameter, out var curve):
            {
                // Importing checks that the point lies on the curve.
                using var ec = ECDsa.Create();
                ec.ImportSubjectPublicKeyInfo(der, out _);
                return new("EC", curve, 0, der, raw);
            }

            case EcOid:
                problem = "the EC public key is not on P-256, P-384 or P-521";
                return null;

            // Full validation: a point of the curve, and not of small order (which would let anyone sign).
            case Ed25519Oid when raw.Length == 32 && unusedBits == 0 && !algorithm.HasData && Ed25519.ValidatePublicKeyFull(raw, 0):
                return new("OKP", "Ed25519", 0, der, raw);

            case Ed25519Oid:
                problem = "the Ed25519 public key is not a valid point";
                return null;

            default:
                problem = $"unsupported public key type (algorithm {oid})";
                return null;
        }
    }
}
