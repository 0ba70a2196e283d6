using Microsoft.Extensions.Primitives;
using SessionService.Api.Gateway.Verification;

namespace SessionService.Api.Gateway;

/// <summary>
/// The request a gateway decision is about: for forward auth the original one a proxy names in its
/// headers, for the built-in proxy the request itself. Its headers (cookies included) are the ones sent.
/// </summary>
public sealed record GatewayRequest(string Method, string? Query, IHeaderDictionary Headers)
{
    /// <summary>
    /// nginx <c>auth_request</c> names the original with <c>X-Original-URI</c> / <c>X-Original-Method</c>,
    /// Traefik and others with <c>X-Forwarded-Uri</c> / <c>X-Forwarded-Method</c>. <c>X-Forwarded-Prefix</c>
    /// is ignored: only the query matters here. Without either, the verify request stands for itself.
    /// </summary>
    public static GatewayRequest FromForwardAuth(HttpRequest request)
    {
        var uri = OriginalUriOf(request);
        return new(OriginalMethodOf(request), uri is null ? request.QueryString.Value : GatewayTokenLocator.QueryOf(uri), request.Headers);
    }

    /// <summary>The original request target a proxy named (<c>X-Original-URI</c>, else <c>X-Forwarded-Uri</c>), or null.</summary>
    public static string? OriginalUriOf(HttpRequest request) =>
        First(request.Headers["X-Original-URI"]) ?? First(request.Headers["X-Forwarded-Uri"]);

    /// <summary>The original method a proxy named (<c>X-Original-Method</c>, else <c>X-Forwarded-Method</c>), else this request's.</summary>
    public static string OriginalMethodOf(HttpRequest request) =>
        First(request.Headers["X-Original-Method"]) ?? First(request.Headers["X-Forwarded-Method"]) ?? request.Method;

    public static GatewayRequest FromProxied(HttpRequest request) =>
        new(request.Method, request.QueryString.Value, request.Headers);

    public bool IsPreflight => HttpMethods.IsOptions(Method);

    private static string? First(StringValues values) => values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
}
