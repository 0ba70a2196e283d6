using System.Security.Cryptography;

namespace SessionService.Api.Gateway.Verification;

/// <summary>ES256, ES384, ES512 (RFC 7518 3.4): the signature is r||s, each exactly the curve's field size.</summary>
internal sealed class EcdsaSignature : ConsumerSignature
{
    private readonly KeyPool<ECDsa> _keys;
    private readonly HashAlgorithmName _hash;
    private readonly int _signatureBytes;

    public EcdsaSignature(byte[] subjectPublicKeyInfo, HashAlgorithmName hash, int curveBits)
    {
        _hash = hash;
        _signatureBytes = 2 * ((curveBits + 7) / 8);
        _keys = new(() =>
        {
            var ec = ECDsa.Create();
            ec.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            return ec;
        });
    }

    public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != _signatureBytes)
        {
            return false;
        }

        var ec = _keys.Rent();
        try
        {
            return ec.VerifyData(signingInput, signature, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        finally
        {
            _keys.Return(ec);
        }
    }
}
