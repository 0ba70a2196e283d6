using System.Security.Cryptography;

namespace SessionService.Api.Gateway.Verification;

/// <summary>HS256, HS384, HS512 (RFC 7518 3.2).</summary>
internal sealed class HmacSignature(int hashBits, byte[] secret) : ConsumerSignature
{
    private readonly byte[] _secret = (byte[])secret.Clone();

    public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        Span<byte> expected = stackalloc byte[hashBits / 8];
        if (signature.Length != expected.Length)
        {
            return false;
        }

        _ = hashBits switch
        {
            256 => HMACSHA256.HashData(_secret, signingInput, expected),
            384 => HMACSHA384.HashData(_secret, signingInput, expected),
            _ => HMACSHA512.HashData(_secret, signingInput, expected),
        };
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }
}
