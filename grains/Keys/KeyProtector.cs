using System.Security.Cryptography;
using System.Text;

namespace SessionService.Grains.Keys;

/// <summary>
/// Encrypts signing keys at rest (AES-256-GCM under a key-encryption key, bound to the key id). The key
/// ring stores and hands out only protected bytes; an API node opens them in memory to sign.
/// </summary>
public sealed class KeyProtector(byte[] keyEncryptionKey)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public static KeyProtector FromSecret(string secret) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: null, info: "signing-key-encryption-v1"u8.ToArray()));

    public byte[] Protect(byte[] privateKey, string keyId)
    {
        var output = new byte[NonceBytes + TagBytes + privateKey.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, NonceBytes));
        using var aes = new AesGcm(keyEncryptionKey, TagBytes);
        aes.Encrypt(output.AsSpan(0, NonceBytes), privateKey, output.AsSpan(NonceBytes + TagBytes), output.AsSpan(NonceBytes, TagBytes), Encoding.UTF8.GetBytes(keyId));
        return output;
    }

    /// <summary>Throws <see cref="CryptographicException"/> when the bytes were not protected with this key for this key id.</summary>
    public byte[] Unprotect(byte[] protectedKey, string keyId)
    {
        if (protectedKey.Length <= NonceBytes + TagBytes)
        {
            throw new CryptographicException("Protected key is truncated.");
        }

        var plaintext = new byte[protectedKey.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(keyEncryptionKey, TagBytes);
        aes.Decrypt(protectedKey.AsSpan(0, NonceBytes), protectedKey.AsSpan(NonceBytes + TagBytes), protectedKey.AsSpan(NonceBytes, TagBytes), plaintext, Encoding.UTF8.GetBytes(keyId));
        return plaintext;
    }
}
