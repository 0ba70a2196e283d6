using System.Security.Cryptography;
using System.Text;

namespace SessionService.Grains.Users.LegacyHashes;

/// <summary>
/// Checks the "portable" hashes of the phpass library that WordPress stored before 6.8 (<c>$P$</c>; phpBB wrote the
/// same scheme as <c>$H$</c>). Layout: prefix (3), rounds character (1), salt (8), digest (22) = 34 characters.
/// The rounds character's position in <see cref="Alphabet"/> is log2 of the MD5 rounds; the digest starts as
/// MD5(salt + password) and each round is MD5(digest + password); the 16 bytes are written in phpass's own base64.
/// </summary>
public static class Phpass
{
    private const string Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int Length = 34;
    private const int SaltLength = 8;
    private const int MinLog2 = 7;

    /// <summary>
    /// phpass allows 2^30 rounds; WordPress writes 2^13. A hash with more is refused (at import and here), so a
    /// hostile row cannot make each login burn seconds of CPU: 2^16 MD5 rounds take a few milliseconds.
    /// </summary>
    public const int MaxLog2 = 16;

    /// <summary>Passwords longer than this are refused, as WordPress's phpass does.</summary>
    public const int MaxPasswordBytes = 4096;

    public static bool IsPhpass(string hash) => hash.StartsWith("$P$", StringComparison.Ordinal) || hash.StartsWith("$H$", StringComparison.Ordinal);

    /// <summary>The log2 of the hash's rounds as its rounds character says; -1 when it is none.</summary>
    public static int RoundsLog2(string hash) => hash.Length > 3 ? Alphabet.IndexOf(hash[3], StringComparison.Ordinal) : -1;

    /// <summary>A hash <see cref="Verify"/> can check: the layout, phpass's alphabet, and rounds within 2^7..2^<see cref="MaxLog2"/>.</summary>
    public static bool IsWellFormed(string hash) =>
        IsPhpass(hash) && hash.Length == Length && RoundsLog2(hash) is >= MinLog2 and <= MaxLog2
        && !hash.AsSpan(4).ContainsAnyExcept(Alphabet);

    /// <summary>True only for a well-formed hash of this password; anything malformed is simply false.</summary>
    public static bool Verify(string hash, string password)
    {
        if (!IsWellFormed(hash))
        {
            return false;
        }

        var log2 = RoundsLog2(hash);

        var passwordBytes = Encoding.UTF8.GetBytes(password);
        if (passwordBytes.Length > MaxPasswordBytes)
        {
            return false;
        }

        var salt = Encoding.ASCII.GetBytes(hash.Substring(4, SaltLength));
        var digest = MD5.HashData([.. salt, .. passwordBytes]);
        var buffer = new byte[digest.Length + passwordBytes.Length];
        passwordBytes.CopyTo(buffer, digest.Length);
        for (long round = 1L << log2; round > 0; round--)
        {
            digest.CopyTo(buffer, 0);
            MD5.HashData(buffer, digest);
        }

        var expected = Encoding.ASCII.GetBytes(hash[..(4 + SaltLength)] + Encode(digest));
        var actual = Encoding.UTF8.GetBytes(hash);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>
    /// phpass's base64: little-endian groups of three bytes, six bits at a time from the lowest, a short last
    /// group writing only the characters its bits reach (16 bytes give 22 characters), no padding.
    /// </summary>
    internal static string Encode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder((bytes.Length * 4 + 2) / 3);
        for (var start = 0; start < bytes.Length; start += 3)
        {
            var count = Math.Min(3, bytes.Length - start);
            var group = 0;
            for (var k = 0; k < count; k++)
            {
                group |= bytes[start + k] << (8 * k);
            }

            for (var k = 0; k <= count; k++)
            {
                text.Append(Alphabet[(group >> (6 * k)) & 0x3f]);
            }
        }

        return text.ToString();
    }
}
