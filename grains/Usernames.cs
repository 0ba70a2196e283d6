using System.Text;

namespace SessionService.Grains;

/// <summary>Rules for user names: what is allowed, and the normalized form that makes them unique.</summary>
public static class Usernames
{
    public const int MaxLength = 64;

    /// <summary>Case-insensitive and compatibility-normalized, so "Alice", "ALICE" and "Ａｌｉｃｅ" are one name.</summary>
    public static string Normalize(string username) =>
        username.Trim().Normalize(NormalizationForm.FormKC).ToUpperInvariant();

    public static bool IsValid(string username)
    {
        var trimmed = username.Trim();
        if (trimmed.Length is < 3 or > MaxLength)
        {
            return false;
        }

        // The normalized form is the stored key, and NFKC can expand one character to many (U+FDFA to 18).
        if (Normalize(trimmed).Length > MaxLength)
        {
            return false;
        }

        foreach (var c in trimmed)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('.' or '_' or '-' or '@'))
            {
                return false;
            }
        }

        return true;
    }
}
