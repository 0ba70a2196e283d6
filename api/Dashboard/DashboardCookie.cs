using Microsoft.Extensions.Options;
using SessionService.Grains;

namespace SessionService.Api.Dashboard;

/// <summary>
/// The browser's way into the dashboard, whose page cannot send a Bearer header: the admin's own access
/// token, copied into an HttpOnly, SameSite=Strict cookie that only <c>/dashboard</c> paths receive and that
/// expires with the token. No new kind of credential: revocation, expiry and the admin role are checked
/// on every request exactly as for the header.
/// </summary>
public static class DashboardCookie
{
    public const string Name = "dashboard_token";

    public static void Set(HttpContext http, string accessToken, DateTimeOffset expiresAt) =>
        http.Response.Cookies.Append(Name, accessToken, Options(http, expiresAt));

    public static void Clear(HttpContext http) => http.Response.Cookies.Delete(Name, Options(http, null));

    public static string? Read(HttpRequest request) => request.Cookies[Name] is { Length: > 0 } token ? token : null;

    private static CookieOptions Options(HttpContext http, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = DashboardEndpoints.Path,
        // The refresh cookie's switch: both are off only for plain local HTTP.
        Secure = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.RefreshCookieSecure,
        Expires = expiresAt,
        IsEssential = true,
    };
}
