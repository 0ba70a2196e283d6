namespace SessionService.Api.Routes;

/// <summary>
/// The one spelling of a path a route token may be bound to and matched against. Anything a server or
/// proxy might normalise into another resource is refused rather than normalised here, so comparing two
/// canonical paths byte for byte is the whole match: dot segments (plain or encoded), encoded slashes and
/// backslashes, empty segments, <c>;</c> parameters, raw non-ASCII or controls, lowercase escapes, and
/// escapes of characters that need none (<c>%41</c> for <c>A</c>). Case and a trailing slash are significant.
/// </summary>
public static class RoutePath
{
    public const int MaxLength = 2048;

    public static bool IsCanonical(string path)
    {
        if (path.Length is 0 or > MaxLength || path[0] != '/')
        {
            return false;
        }

        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '%')
            {
                if (i + 2 >= path.Length || !IsUpperHex(path[i + 1]) || !IsUpperHex(path[i + 2])
                    || !MayBeEscaped((byte)Convert.ToInt32(path.Substring(i + 1, 2), 16)))
                {
                    return false;
                }

                i += 2;
            }
            else if (c != '/' && !IsPathCharacter(c))
            {
                return false;
            }
        }

        var segments = path.Split('/');
        for (var s = 1; s < segments.Length; s++)
        {
            var last = s == segments.Length - 1;
            if ((segments[s].Length == 0 && !last) || segments[s] is "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RFC 3986 pchar without <c>%</c> and <c>;</c> (matrix parameters, which servers strip differently).</summary>
    private static bool IsPathCharacter(char c) =>
        IsUnreserved(c) || c is '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or '=' or ':' or '@';

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    private static bool IsUpperHex(char c) => char.IsAsciiDigit(c) || c is >= 'A' and <= 'F';

    /// <summary>What an escape may stand for: not a character that needs none, not a separator, not a control.</summary>
    private static bool MayBeEscaped(byte b) =>
        !(b < 0x80 && IsUnreserved((char)b)) && b is not ((byte)'/' or (byte)'\\' or 0x7F) && b >= 0x20;
}
