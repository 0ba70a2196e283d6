using System.Security.Cryptography;
using System.Text;
using SessionService.Grains.Tokens;

namespace SessionService.Grains.Keys;

/// <summary>
/// Encrypts signing keys at rest (<see cref="AesGcmSeal"/> under a key-encryption key, with the key id
/// as associated data so a protected key cannot be passed off under another id). The key ring stores and
/// hands out only protected bytes; an API node opens them in memory to sign.
/// </summary>
public sealed class KeyProtector(byte[] keyEncryptionKey)
{
    public static KeyProtector FromSecret(string secret) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: null, info: "signing-key-encryption-v1"u8.ToArray()));

    public byte[] Protect(byte[] privateKey, string keyId) =>
        AesGcmSeal.Seal(keyEncryptionKey, privateKey, Encoding.UTF8.GetBytes(keyId));

    /// <summary>Throws <see cref="CryptographicException"/> when the bytes were not protected with this key for this key id.</summary>
    public byte[] Unprotect(byte[] protectedKey, string keyId) =>
        AesGcmSeal.Open(keyEncryptionKey, protectedKey, Encoding.UTF8.GetBytes(keyId));
}
