using System.Globalization;
using System.Text;

namespace SessionService.Api.Http;

/// <summary>
/// Client-supplied text that is stored and later shown to users and admins (device ids and names, user agents).
/// Characters that render invisibly or reorder what is shown around them are not allowed in it: controls such as
/// ESC (terminal escapes), bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069), zero-width and other format
/// characters (U+200B-U+200F, U+2060, U+FEFF) and the line and paragraph separators (U+2028, U+2029).
/// </summary>
public static class ClientText
{
    public const int MaxDeviceLength = 128;

    /// <summary>Device ids travel in the sessions API's path (<c>DELETE /auth/sessions/{device}</c>), so only RFC 3986 unreserved characters.</summary>
    public static bool IsDeviceId(string value) =>
        value.Length is > 0 and <= MaxDeviceLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    public static bool HasHidden(string value) => value.Any(IsHidden);

    /// <summary>The text without its hidden characters; the same string when it has none.</summary>
    public static string StripHidden(string value)
    {
        if (!HasHidden(value))
        {
            return value;
        }

        var kept = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!IsHidden(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    private static bool IsHidden(char c) =>
        char.IsControl(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
