using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;

namespace SessionService.Api.Gateway;

/// <summary>Start-up refuses gateway options that cannot mean what the operator wanted, naming the key.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    /// <summary>Path prefixes of this service's own endpoints, which a proxy route must not shadow.</summary>
    private static readonly string[] OwnPrefixes =
        ["/auth", "/users", "/admin", "/gateway", "/keys", "/tokens", "/.well-known", "/health", "/openapi", "/routes", "/oauth", "/revocations"];

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        List<string> errors = [];
        const string prefix = GatewayOptions.Section + ":";
        errors.AddRange(options.UriParamNameList.Where(n => !IsToken(n)).Select(n => $"{prefix}UriParamNames: '{n}' is not a usable query parameter name."));
        errors.AddRange(options.CookieNameList.Where(n => !IsToken(n)).Select(n => $"{prefix}CookieNames: '{n}' is not a cookie name."));
        errors.AddRange(options.HeaderNameList.Where(n => !IsToken(n)).Select(n => $"{prefix}HeaderNames: '{n}' is not a header name."));
        if (options.UriParamNameList.Count + options.CookieNameList.Count + options.HeaderNameList.Count == 0)
        {
            errors.Add($"{prefix}UriParamNames, CookieNames and HeaderNames are all empty: no token could ever be found.");
        }

        errors.AddRange(options.ClaimsToVerifyList.Where(c => c is not ("exp" or "nbf")).Select(c => $"{prefix}ClaimsToVerify: '{c}' is not one of exp, nbf."));
        if (string.IsNullOrWhiteSpace(options.KeyClaimName))
        {
            errors.Add($"{prefix}KeyClaimName must name a claim (default iss).");
        }

        if (options.ClockSkew is < 0 or > 3600)
        {
            errors.Add($"{prefix}ClockSkew must be 0 to 3600 seconds.");
        }

        if (options.MaximumExpiration < 0)
        {
            errors.Add($"{prefix}MaximumExpiration must be 0 (off) or a number of seconds.");
        }
        else if (options.MaximumExpiration > 0 && !options.VerifiesExp)
        {
            errors.Add($"{prefix}MaximumExpiration needs exp in {prefix}ClaimsToVerify.");
        }

        if (options.Anonymous is not null && string.IsNullOrWhiteSpace(options.Anonymous))
        {
            errors.Add($"{prefix}Anonymous must be a consumer's username, or unset.");
        }

        for (var i = 0; i < options.Routes.Count; i++)
        {
            errors.AddRange(RouteProblems(options.Routes[i]).Select(problem => $"{prefix}Routes:{i}:{problem}"));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string> RouteProblems(GatewayRoute route)
    {
        RoutePattern? pattern = null;
        try
        {
            pattern = RoutePatternFactory.Parse(route.Path);
        }
        catch (RoutePatternException)
        {
        }

        if (pattern is null || !route.Path.StartsWith('/'))
        {
            yield return $"Path ('{route.Path}') must be a route pattern such as /orders/{{**rest}}.";
        }
        else if (OwnPrefixes.Any(own => Shadows(route.Path, own)))
        {
            yield return $"Path ('{route.Path}') would shadow this service's own endpoints ({string.Join(", ", OwnPrefixes)}).";
        }

        if (!Uri.TryCreate(route.Upstream, UriKind.Absolute, out var upstream) || upstream.Scheme is not ("http" or "https") || upstream.Query.Length > 0 || upstream.Fragment.Length > 0)
        {
            yield return $"Upstream ('{route.Upstream}') must be an http or https base URL.";
        }
    }

    private static bool Shadows(string path, string own) =>
        path.StartsWith('{') || path.Length <= 1 || path.StartsWith("/{", StringComparison.Ordinal)
        || path.Equals(own, StringComparison.OrdinalIgnoreCase)
        || path.StartsWith(own + "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>An RFC 9110 token: what header and cookie names are made of (and safe as a query name).</summary>
    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c));
}
