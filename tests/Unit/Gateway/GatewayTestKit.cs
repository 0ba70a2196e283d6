using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using SessionService.Api.Gateway;
using SessionService.Api.Gateway.Verification;
using SessionService.Grains.Keys;
using SessionService.Tests.Support;

namespace SessionService.Tests.Unit.Gateway;

/// <summary>A credential store the test fills, as a node's in-memory credentials would be.</summary>
internal sealed class TestCredentials : IGatewayCredentials
{
    private readonly Dictionary<string, GatewayCredential> _byKey = new(StringComparer.Ordinal);

    public GatewayCredential? FindByKey(string key) => _byKey.GetValueOrDefault(key);

    public GatewayCredential Add(ConsumerKey key, string credentialKey = "partner-key")
    {
        var credential = key.Credential(credentialKey);
        _byKey[credentialKey] = credential;
        return credential;
    }

    public void Put(GatewayCredential credential) => _byKey[credential.Key] = credential;

    public void Remove(string credentialKey) => _byKey.Remove(credentialKey);
}

/// <summary>A consumer's signing key for one algorithm, made by the test, and the credential that verifies it.</summary>
internal sealed class ConsumerKey
{
    private static readonly Lazy<RSA> SharedRsa = new(() => RSA.Create(2048));

    private ConsumerKey(string algorithm, byte[]? secret, string? publicKeyPem, Func<byte[], byte[]> sign)
    {
        Algorithm = algorithm;
        Secret = secret;
        PublicKeyPem = publicKeyPem;
        Sign = sign;
    }

    public string Algorithm { get; }

    public byte[]? Secret { get; }

    public string? PublicKeyPem { get; }

    public Func<byte[], byte[]> Sign { get; }

    public static IEnumerable<object[]> AllAlgorithms => JwsAlgorithms.All.Select(a => new object[] { a.Name });

    public static ConsumerKey Create(string algorithm)
    {
        var row = JwsAlgorithms.Get(algorithm);
        var hash = new HashAlgorithmName($"SHA{row.HashBits}");
        switch (row.Family)
        {
            case JwsAlgorithmFamily.Hmac:
                var secret = RandomNumberGenerator.GetBytes(row.MinSecretBytes);
                return Hmac(algorithm, secret);
            case JwsAlgorithmFamily.RsaPkcs1 or JwsAlgorithmFamily.RsaPss:
                var rsa = SharedRsa.Value;
                var padding = row.Family == JwsAlgorithmFamily.RsaPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
                return new(algorithm, null, rsa.ExportSubjectPublicKeyInfoPem(), data => rsa.SignData(data, hash, padding));
            case JwsAlgorithmFamily.Ecdsa:
                var ec = ECDsa.Create(row.EcCurve);
                return new(algorithm, null, ec.ExportSubjectPublicKeyInfoPem(),
                    data => ec.SignData(data, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
            default:
                var (privateKey, pem) = NewEd25519();
                return new(algorithm, null, pem, data =>
                {
                    var signer = new Ed25519Signer();
                    signer.Init(true, privateKey);
                    signer.BlockUpdate(data, 0, data.Length);
                    return signer.GenerateSignature();
                });
        }
    }

    public static ConsumerKey Hmac(string algorithm, byte[] secret) => new(algorithm, secret, null, data => algorithm switch
    {
        "HS256" => HMACSHA256.HashData(secret, data),
        "HS384" => HMACSHA384.HashData(secret, data),
        _ => HMACSHA512.HashData(secret, data),
    });

    /// <summary>A signer alone (no key material for a credential), for tokens signed by a stranger.</summary>
    public static ConsumerKey Custom(string algorithm, Func<byte[], byte[]> sign) => new(algorithm, null, null, sign);

    public static Ed25519PublicKeyParameters NewEd25519Public() => new Ed25519PrivateKeyParameters(new SecureRandom()).GeneratePublicKey();

    public static (Ed25519PrivateKeyParameters Private, string PublicPem) NewEd25519()
    {
        var privateKey = new Ed25519PrivateKeyParameters(new SecureRandom());
        var spki = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(privateKey.GeneratePublicKey()).GetEncoded();
        return (privateKey, PemEncoding.WriteString("PUBLIC KEY", spki));
    }

    public GatewayCredential Credential(string key) =>
        new($"cred-{Guid.NewGuid():N}", key, Algorithm, new GatewayConsumer($"consumer-{Guid.NewGuid():N}", "partner", null), Secret, PublicKeyPem);

    /// <summary>A token with this key's <c>alg</c> (unless the header says otherwise) over <paramref name="claims"/>.</summary>
    public string Token(object claims, object? header = null) =>
        RawJwt.Build(header ?? new { alg = Algorithm, typ = "JWT" }, RawJwt.Encode(claims), Sign);
}

/// <summary>A verifier over <see cref="TestCredentials"/> with a fake clock.</summary>
internal sealed class VerifierRig
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public VerifierRig(Action<GatewayOptions>? configure = null)
    {
        var options = new GatewayOptions();
        configure?.Invoke(options);
        Verifier = new ConsumerTokenVerifier(Credentials, Options.Create(options), Clock);
    }

    public TestCredentials Credentials { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Start);

    public ConsumerTokenVerifier Verifier { get; }

    public long Now => Clock.GetUtcNow().ToUnixTimeSeconds();

    public GatewayVerdict Verify(string token) => Verifier.Verify(token);
}

internal static class Tokens
{
    public static string FlipSignatureByte(string token)
    {
        var dot = token.LastIndexOf('.');
        var signature = Convert.FromBase64String(ToBase64(token[(dot + 1)..]));
        signature[signature.Length / 2] ^= 0x01;
        return token[..(dot + 1)] + Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Segment(string json) => Segment(Encoding.UTF8.GetBytes(json));

    public static string Segment(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string ToBase64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }
}
