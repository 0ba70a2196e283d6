using System.Globalization;
using System.Net;

namespace SessionService.Api.Compat.WordPress;

/// <summary>
/// The plugin's <c>refresh_token</c> cookie. Read as PHP reads it: the first of that name in the
/// <c>Cookie</c> header, URL-decoded. Written as PHP's <c>setcookie</c> writes it: <c>expires</c>,
/// <c>Max-Age</c>, the site's path, <c>secure</c> only over HTTPS, <c>HttpOnly</c>; no domain, no SameSite.
/// </summary>
public static class WordPressRefreshCookie
{
    public const string Name = "refresh_token";

    public static string? Read(HttpRequest request)
    {
        foreach (var header in request.Headers.Cookie)
        {
            foreach (var pair in (header ?? "").Split(';'))
            {
                var equals = pair.IndexOf('=');
                if (equals > 0 && pair[..equals].Trim() == Name)
                {
                    return WebUtility.UrlDecode(pair[(equals + 1)..].Trim());
                }
            }
        }

        return null;
    }

    public static void Write(HttpContext http, string token, DateTimeOffset expiresAt, DateTimeOffset now, string path)
    {
        var maxAge = Math.Max(0, (long)Math.Ceiling((expiresAt - now).TotalSeconds));
        var expires = expiresAt.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture);
        var secure = http.Request.IsHttps ? "; secure" : "";
        http.Response.Headers.Append("Set-Cookie",
            $"{Name}={Uri.EscapeDataString(token)}; expires={expires}; Max-Age={maxAge.ToString(CultureInfo.InvariantCulture)}; path={path}{secure}; HttpOnly");
    }
}
