using System.Security.Cryptography;
using System.Text;

namespace SessionService.Grains.Users.LegacyHashes;

/// <summary>
/// The unsalted MD5 (32 lowercase hex digits) that WordPress stored before 2.5; <c>wp_check_password</c> still
/// accepts it (and replaces it at once), so very old user rows may hold one.
/// </summary>
public static class WordPressMd5
{
    private const int Length = 32;

    public static bool IsMd5(string hash) => hash.Length == Length && !hash.AsSpan().ContainsAnyExcept("0123456789abcdef");

    /// <summary>Compared in constant time: the hash alone stands between a guess and the account.</summary>
    public static bool Verify(string hash, string password)
    {
        if (!IsMd5(hash) || Encoding.UTF8.GetByteCount(password) > WordPressBcrypt.MaxPasswordBytes)
        {
            return false;
        }

        var actual = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(password))));
        return CryptographicOperations.FixedTimeEquals(actual, Encoding.ASCII.GetBytes(hash));
    }
}
