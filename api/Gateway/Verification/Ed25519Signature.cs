using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace SessionService.Api.Gateway.Verification;

/// <summary>EdDSA with Ed25519 (RFC 8037), by BouncyCastle: .NET has no Ed25519. The key object is immutable.</summary>
internal sealed class Ed25519Signature(byte[] rawPublicKey) : ConsumerSignature
{
    private readonly Ed25519PublicKeyParameters _key = new(rawPublicKey);

    public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Ed25519PublicKeyParameters.KeySize * 2)
        {
            return false;
        }

        return _key.Verify(Ed25519.Algorithm.Ed25519, null, signingInput.ToArray(), 0, signingInput.Length, signature.ToArray(), 0);
    }
}
