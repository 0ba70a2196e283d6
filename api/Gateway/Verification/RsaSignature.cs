using System.Security.Cryptography;

namespace SessionService.Api.Gateway.Verification;

/// <summary>RS256/384/512 (PKCS#1 v1.5) and PS256/384/512 (PSS, salt as long as the hash), RFC 7518 3.3 and 3.5.</summary>
internal sealed class RsaSignature(byte[] subjectPublicKeyInfo, HashAlgorithmName hash, RSASignaturePadding padding) : ConsumerSignature
{
    private readonly KeyPool<RSA> _keys = new(() =>
    {
        var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return rsa;
    });

    public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        var rsa = _keys.Rent();
        try
        {
            return rsa.VerifyData(signingInput, signature, hash, padding);
        }
        finally
        {
            _keys.Return(rsa);
        }
    }
}
