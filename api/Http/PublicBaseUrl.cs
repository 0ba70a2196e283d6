using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using SessionService.Grains;

namespace SessionService.Api.Http;

/// <summary>The base of the absolute URLs this service publishes, by the rule in <see cref="PublicUrlOptions.PublicBaseUrl"/>.</summary>
public static class PublicBaseUrl
{
    public static string Of(HttpContext http)
    {
        var services = http.RequestServices;
        if (services.GetRequiredService<IOptions<PublicUrlOptions>>().Value.PublicBaseUrl is { } configured)
        {
            return configured.TrimEnd('/');
        }

        var issuer = services.GetRequiredService<IOptions<AuthOptions>>().Value.Issuer;
        if (IsBaseUrl(issuer))
        {
            return issuer.TrimEnd('/');
        }

        var allowedHosts = services.GetRequiredService<IOptions<HostFilteringOptions>>().Value.AllowedHosts;
        var hostFiltered = allowedHosts.Count > 0 && !allowedHosts.Contains("*");
        return hostFiltered ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}" : "";
    }

    public static bool IsBaseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && !value.Contains('#') && !value.Contains('?')
            && string.IsNullOrEmpty(uri.UserInfo);
}
