using System.Buffers.Text;
using System.Security.Cryptography;

namespace SessionService.Grains;

/// <summary>Random identifiers: user and session ids are 32 lowercase hex digits, device ids base64url.</summary>
public static class Ids
{
    public static string NewUserId() => Guid.NewGuid().ToString("N");

    public static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string NewDeviceId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    public static bool IsHexId(ReadOnlySpan<char> value) =>
        value.Length == 32 && !value.ContainsAnyExcept("0123456789abcdef");
}
