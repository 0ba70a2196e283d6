using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SessionService.Grains.Tokens;

/// <summary>
/// Refresh tokens look like <c>userId.sessionId.generation.secret.tag</c>. The user id routes the token to
/// its grain without a global lookup; the secret carries 256 bits of randomness; the tag is an HMAC of the
/// rest under the session's lineage key, so a token rotated out long ago is still recognised as this
/// session's (and its reuse revokes the session), while a made-up token that merely names the session is
/// not. Only SHA-256 hashes of tokens are stored.
/// </summary>
public readonly record struct RefreshToken(string UserId, string SessionId, long Generation, string Body, string Tag)
{
    public const int MaxLength = 160;
    private const int SecretBytes = 32;
    private const int TagBytes = 16;
    public const int LineageKeyBytes = 32;

    public static string Mint(string userId, string sessionId, long generation, byte[] lineageKey)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var body = string.Create(CultureInfo.InvariantCulture, $"{userId}.{sessionId}.{generation}.{secret}");
        return body + "." + ComputeTag(body, lineageKey);
    }

    public static bool TryParse(string? token, out RefreshToken parsed)
    {
        parsed = default;
        if (token is null || token.Length > MaxLength)
        {
            return false;
        }

        var parts = token.Split('.');
        if (parts.Length != 5
            || !Ids.IsHexId(parts[0])
            || !Ids.IsHexId(parts[1])
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            || generation < 1
            || !IsBase64Url(parts[3], SecretBytes)
            || !IsBase64Url(parts[4], TagBytes))
        {
            return false;
        }

        parsed = new RefreshToken(parts[0], parts[1], generation, token[..token.LastIndexOf('.')], parts[4]);
        return true;
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public bool HasValidTag(byte[] lineageKey) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(ComputeTag(Body, lineageKey)),
            Encoding.ASCII.GetBytes(Tag));

    private static string ComputeTag(string body, byte[] lineageKey) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(lineageKey, Encoding.ASCII.GetBytes(body)).AsSpan(0, TagBytes));

    private static bool IsBase64Url(string value, int byteCount) =>
        value.Length == Base64Url.GetEncodedLength(byteCount) && Base64Url.IsValid(value);
}
