using Microsoft.Extensions.Options;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Http;

/// <summary>What handlers read of the caller beyond the body: client info and the refresh cookie.</summary>
public static class ClientRequest
{
    public const string RefreshCookie = "refresh_token";
    private const int MaxUserAgentLength = 256;

    public static ClientInfo ClientInfo(this HttpContext http)
    {
        // Not the client's choice of field, so cleaned rather than refused.
        var userAgent = ClientText.StripHidden(http.Request.Headers.UserAgent.ToString());
        if (userAgent.Length > MaxUserAgentLength)
        {
            userAgent = userAgent[..MaxUserAgentLength];
        }

        return new ClientInfo(http.Connection.RemoteIpAddress?.ToString(), userAgent.Length == 0 ? null : userAgent);
    }

    /// <summary>The refresh token of a request: the body's <c>refresh_token</c> field, else the cookie.</summary>
    public static string? RefreshToken(this HttpContext http, RequestFields fields) =>
        fields.OptionalString("refresh_token") ?? http.Request.Cookies[RefreshCookie];

    public static void SetRefreshCookie(this HttpContext http, string refreshToken, DateTimeOffset expiresAt) =>
        http.Response.Cookies.Append(RefreshCookie, refreshToken, CookieOptions(http, expiresAt));

    public static void ClearRefreshCookie(this HttpContext http) =>
        http.Response.Cookies.Delete(RefreshCookie, CookieOptions(http, null));

    /// <summary>Token responses must never be cached (RFC 6749 §5.1).</summary>
    public static void NoStore(this HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
    }

    private static CookieOptions CookieOptions(HttpContext http, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/auth",
        Secure = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.RefreshCookieSecure,
        Expires = expiresAt,
        IsEssential = true,
    };
}
