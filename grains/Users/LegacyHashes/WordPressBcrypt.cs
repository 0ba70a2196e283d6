using System.Security.Cryptography;
using System.Text;

namespace SessionService.Grains.Users.LegacyHashes;

/// <summary>
/// Bcrypt hashes as PHP's <c>password_verify</c> checks them (<c>$2y$</c>, <c>$2a$</c>, <c>$2b$</c>), and
/// WordPress 6.8+'s <c>$wp$2y$…</c>: <c>wp_check_password</c> checks
/// <c>password_verify(base64_encode(hash_hmac('sha384', $password, 'wp-sha384', true)), substr($hash, 3))</c>,
/// so the password is pre-hashed (untrimmed) and the bcrypt part is everything after "$wp".
/// </summary>
public static class WordPressBcrypt
{
    private const string WordPressPrefix = "$wp";
    private static readonly byte[] HmacKey = "wp-sha384"u8.ToArray();

    /// <summary>WordPress refuses longer passwords before it checks any hash.</summary>
    public const int MaxPasswordBytes = 4096;

    public static bool IsBcrypt(string hash) =>
        hash.StartsWith("$2y$", StringComparison.Ordinal) || hash.StartsWith("$2a$", StringComparison.Ordinal) || hash.StartsWith("$2b$", StringComparison.Ordinal);

    public static bool IsWordPress(string hash) => hash.StartsWith(WordPressPrefix + "$2", StringComparison.Ordinal);

    /// <summary>
    /// PHP writes cost 10 (12 from PHP 8.4); bcrypt allows 31, which is days of CPU per check. Like phpass's rounds,
    /// a higher cost is refused at import and at login, so a hostile hash cannot pin a core at every attempt.
    /// </summary>
    public const int MaxCost = 16;

    /// <summary>
    /// A bcrypt hash as PHP writes it: <c>$2a$</c>/<c>$2b$</c>/<c>$2y$</c>, a two-digit cost 04..<see cref="MaxCost"/>,
    /// then 53 characters of bcrypt's base64 (salt and digest); with <c>$wp</c> in front for WordPress's form.
    /// </summary>
    public static bool IsWellFormed(string hash) => IsWellFormedBcrypt(IsWordPress(hash) ? hash[WordPressPrefix.Length..] : hash);

    private static bool IsWellFormedBcrypt(string hash) =>
        IsBcrypt(hash) && hash.Length == 60 && hash[6] == '$'
        && int.TryParse(hash.AsSpan(4, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var cost)
        && cost is >= 4 and <= MaxCost
        && !hash.AsSpan(7).ContainsAnyExcept(BcryptAlphabet);

    private const string BcryptAlphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static bool VerifyWordPress(string hash, string password)
    {
        if (!IsWordPress(hash) || Encoding.UTF8.GetByteCount(password) > MaxPasswordBytes)
        {
            return false;
        }

        var preHash = Convert.ToBase64String(HMACSHA384.HashData(HmacKey, Encoding.UTF8.GetBytes(password)));
        return VerifyBcrypt(hash[WordPressPrefix.Length..], preHash);
    }

    /// <summary>
    /// Plain bcrypt. Like PHP, only the first 72 bytes of the UTF-8 password count (BCrypt.Net-Next keys
    /// Blowfish with at most 72 bytes too, the same ones), and a malformed hash is false, never an exception.
    /// </summary>
    public static bool VerifyBcrypt(string hash, string password)
    {
        if (!IsWellFormedBcrypt(hash))
        {
            return false;
        }

        try
        {
            return BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (Exception e) when (e is BCrypt.Net.SaltParseException or ArgumentException or FormatException or IndexOutOfRangeException)
        {
            return false;
        }
    }
}
