using System.Security.Cryptography;
using System.Text;

namespace SessionService.Grains.Tokens;

/// <summary>
/// Keeps a session's newest refresh token during the reuse grace window, sealed (<see cref="AesGcmSeal"/>)
/// under a key derived from the token it replaced. Only a caller who presents that previous token can
/// open it, so the stored bytes are useless to anyone who reads the database.
/// </summary>
public static class SuccessorSeal
{
    private static readonly byte[] KeyInfo = "refresh-token-successor-v1"u8.ToArray();

    public static byte[] Seal(string successor, string previousToken) =>
        AesGcmSeal.Seal(DeriveKey(previousToken), Encoding.UTF8.GetBytes(successor));

    public static string? Open(byte[] sealedBytes, string previousToken) =>
        AesGcmSeal.TryOpen(DeriveKey(previousToken), sealedBytes) is { Length: > 0 } plaintext
            ? Encoding.UTF8.GetString(plaintext)
            : null;

    private static byte[] DeriveKey(string previousToken) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(previousToken), 32, salt: null, info: KeyInfo);
}
