using System.Security.Cryptography;

namespace SessionService.Grains.Tokens;

/// <summary>
/// AES-GCM with a random 96-bit nonce and a 128-bit tag, laid out as <c>nonce | tag | ciphertext</c>.
/// Signing keys and grace-window successors are stored in this layout, so it must never change: bytes
/// already in a database have to keep opening.
/// </summary>
public static class AesGcmSeal
{
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), associatedData);
        return sealedBytes;
    }

    /// <summary>
    /// Throws <see cref="CryptographicException"/> when the bytes are truncated or were not sealed with
    /// this key and associated data.
    /// </summary>
    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData = default)
    {
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("Sealed bytes are truncated.");
        }

        var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(
            sealedBytes[..NonceBytes],
            sealedBytes[(NonceBytes + TagBytes)..],
            sealedBytes.Slice(NonceBytes, TagBytes),
            plaintext,
            associatedData);
        return plaintext;
    }

    /// <summary>Null instead of an exception when the bytes are truncated or do not authenticate.</summary>
    public static byte[]? TryOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData = default)
    {
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            return null;
        }

        try
        {
            return Open(key, sealedBytes, associatedData);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
