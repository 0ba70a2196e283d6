using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SessionService.Grains.Tokens;

/// <summary>
/// The WordPress JWT Auth plugin's refresh token shape, <c>userNumber.64-lowercase-hex</c>, which its
/// clients store and send back as a cookie. The 32 bytes are 16 random ones and a 16-byte HMAC of them
/// under the session's lineage key: the tag lets a rotated-out token be recognised as this session's
/// (its reuse revokes the session) while a made-up one revokes nothing. Parsing follows the plugin:
/// exactly two dot-separated parts, the user number is the leading integer of the first (PHP
/// <c>intval</c>), the second non-empty; only SHA-256 hashes of the canonical form are stored.
/// </summary>
public readonly record struct WordPressRefreshToken(long UserNumber, string Secret)
{
    public const int MaxLength = 512;
    private const int RandomBytes = 16;
    private const int TagBytes = 16;

    /// <summary>The token as the plugin keys it: its user number and secret, whatever digits followed the number.</summary>
    public string Canonical => string.Create(CultureInfo.InvariantCulture, $"{UserNumber}.{Secret}");

    public static string Mint(long userNumber, byte[] lineageKey)
    {
        var random = RandomNumberGenerator.GetBytes(RandomBytes);
        var tag = HMACSHA256.HashData(lineageKey, random).AsSpan(0, TagBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{userNumber}.{Convert.ToHexStringLower(random)}{Convert.ToHexStringLower(tag)}");
    }

    public static bool TryParse(string? token, out WordPressRefreshToken parsed)
    {
        parsed = default;
        if (token is null || token.Length > MaxLength)
        {
            return false;
        }

        var parts = token.Split('.');
        if (parts.Length != 2 || parts[1].Length == 0)
        {
            return false;
        }

        var number = LeadingInteger(parts[0]);
        if (number <= 0)
        {
            return false;
        }

        parsed = new WordPressRefreshToken(number, parts[1]);
        return true;
    }

    public byte[] Hash() => RefreshToken.Hash(Canonical);

    /// <summary>True when the secret is 16 bytes and their tag under <paramref name="lineageKey"/>.</summary>
    public bool HasValidTag(byte[] lineageKey)
    {
        if (Secret.Length != 2 * (RandomBytes + TagBytes) || !Secret.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        var bytes = Convert.FromHexString(Secret);
        var expected = HMACSHA256.HashData(lineageKey, bytes.AsSpan(0, RandomBytes)).AsSpan(0, TagBytes);
        return CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(RandomBytes));
    }

    /// <summary>PHP's <c>intval</c> of a string: optional whitespace and sign, then digits up to the first non-digit; 0 when none; saturates.</summary>
    private static long LeadingInteger(string value)
    {
        var span = value.AsSpan().TrimStart(" \t\n\r\v\f");
        var negative = false;
        if (span.Length > 0 && span[0] is '+' or '-')
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        if (digits == 0)
        {
            return 0;
        }

        var magnitude = long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : long.MaxValue;
        return negative ? -magnitude : magnitude;
    }
}
