using Microsoft.Extensions.Options;

namespace SessionService.Api.Http;

/// <summary>
/// Login CSRF: a login (and a refresh, with the token in its body) sets the refresh cookie, so a foreign page's form
/// POST would log the victim's browser into the attacker's account (a cookie set by a top-level navigation is stored
/// despite SameSite=Strict). A logout clears the cookie, so the same form POST would sign the victim's browser out
/// (the cookie is not sent, but its deletion is obeyed). Refused when
/// the browser says the request is cross-site (<c>Sec-Fetch-Site: cross-site</c>) or sends an <c>Origin</c> that is
/// neither this service's own (the request's, or the public base URL's) nor one of <c>Cors:AllowedOrigins</c>.
/// API clients send neither header and are unaffected.
/// </summary>
public static class CrossSiteLogins
{
    public static ValueTask<object?> RefuseAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        return IsCrossSite(http)
            ? ValueTask.FromResult<object?>(Problems.Create(StatusCodes.Status403Forbidden, ErrorCodes.CrossSiteRequest,
                "A login or refresh from another site's page is refused; use this service's own origin or a configured one."))
            : next(context);
    }

    private static bool IsCrossSite(HttpContext http)
    {
        var headers = http.Request.Headers;
        if (string.Equals(headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (headers.Origin.Count == 0)
        {
            return false;
        }

        // Origin "null" (sandboxed frames, some redirects) and several Origin values are foreign too.
        if (headers.Origin.Count > 1 || OriginOf(headers.Origin.ToString()) is not { } origin)
        {
            return true;
        }

        var own = new[] { $"{http.Request.Scheme}://{http.Request.Host}", PublicBaseUrl.Of(http) }
            .Concat(http.RequestServices.GetRequiredService<IOptions<CrossOriginOptions>>().Value.AllowedOrigins);
        return !own.Any(candidate => string.Equals(OriginOf(candidate), origin, StringComparison.OrdinalIgnoreCase));
    }

    private static string? OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.GetLeftPart(UriPartial.Authority) : null;
}
