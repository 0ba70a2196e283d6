using System.Security.Cryptography;
using System.Text;

namespace SessionService.Grains.Tokens;

/// <summary>
/// Keeps a session's newest refresh token during the reuse grace window, encrypted (AES-256-GCM) under a
/// key derived from the token it replaced. Only a caller who presents that previous token can open it,
/// so the stored bytes are useless to anyone who reads the database.
/// </summary>
public static class SuccessorSeal
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] KeyInfo = "refresh-token-successor-v1"u8.ToArray();

    public static byte[] Seal(string successor, string previousToken)
    {
        var plaintext = Encoding.UTF8.GetBytes(successor);
        var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(DeriveKey(previousToken), TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        return sealedBytes;
    }

    public static string? Open(byte[] sealedBytes, string previousToken)
    {
        if (sealedBytes.Length <= NonceBytes + TagBytes)
        {
            return null;
        }

        var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(DeriveKey(previousToken), TagBytes);
            aes.Decrypt(
                sealedBytes.AsSpan(0, NonceBytes),
                sealedBytes.AsSpan(NonceBytes + TagBytes),
                sealedBytes.AsSpan(NonceBytes, TagBytes),
                plaintext);
            return Encoding.UTF8.GetString(plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static byte[] DeriveKey(string previousToken) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(previousToken), 32, salt: null, info: KeyInfo);
}
