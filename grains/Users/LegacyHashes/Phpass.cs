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
    private const int MaxLog2 = 30;

    /// <summary>Passwords longer than this are refused, as WordPress's phpass does.</summary>
    public const int MaxPasswordBytes = 4096;

    public static bool IsPhpass(string hash) => hash.StartsWith("$P$", StringComparison.Ordinal) || hash.StartsWith("$H$", StringComparison.Ordinal);

    /// <summary>True only for a well-formed hash of this password; anything malformed is simply false.</summary>
    public static bool Verify(string hash, string password)
    {
        if (!IsPhpass(hash) || hash.Length != Length)
        {
            return false;
        }

        var log2 = Alphabet.IndexOf(hash[3], StringComparison.Ordinal);
        if (log2 is < MinLog2 or > MaxLog2)
        {
            return false;
        }

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
