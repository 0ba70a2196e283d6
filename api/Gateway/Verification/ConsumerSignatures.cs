using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using SessionService.Grains.Keys;

namespace SessionService.Api.Gateway.Verification;

/// <summary>
/// The signature verifier of each credential instance, built on first use and dropped with the
/// instance (a replaced credential is a new instance, so it gets a new verifier).
/// </summary>
internal static class ConsumerSignatures
{
    private static readonly ConditionalWeakTable<GatewayCredential, ConsumerSignature> Built = new();

    public static ConsumerSignature For(GatewayCredential credential) => Built.GetValue(credential, BuildOrUnusable);

    // A key that passed the material check but still fails to load must refuse tokens, not fail the request.
    private static ConsumerSignature BuildOrUnusable(GatewayCredential credential)
    {
        try
        {
            return Build(credential);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return UnusableSignature.Instance;
        }
    }

    private static ConsumerSignature Build(GatewayCredential credential)
    {
        if (JwsAlgorithms.Find(credential.Algorithm) is not { } row
            || ConsumerKeyMaterial.Problem(row, credential.Secret, credential.PublicKeyPem, out var key) is not null)
        {
            return UnusableSignature.Instance;
        }

        if (key is null)
        {
            return new HmacSignature(row.HashBits, credential.Secret!);
        }

        var hash = new HashAlgorithmName($"SHA{row.HashBits}");
        return row.Family switch
        {
            JwsAlgorithmFamily.RsaPkcs1 => new RsaSignature(key.SubjectPublicKeyInfo, hash, RSASignaturePadding.Pkcs1),
            JwsAlgorithmFamily.RsaPss => new RsaSignature(key.SubjectPublicKeyInfo, hash, RSASignaturePadding.Pss),
            JwsAlgorithmFamily.Ecdsa => new EcdsaSignature(key.SubjectPublicKeyInfo, hash, row.KeyBits),
            JwsAlgorithmFamily.EdDsa => new Ed25519Signature(key.RawKey),
            _ => UnusableSignature.Instance,
        };
    }
}
