namespace SessionService.Api.Routes;

/// <summary>
/// Whether a request is the one a route token opens: the same method, the same canonical path byte for
/// byte, and each bound query value present exactly once and equal. Unbound parameters are the
/// resource's own business and pass.
/// </summary>
public static class RouteMatch
{
    public static bool Matches(RouteTokenIdentity token, OriginalRequest request)
    {
        if (!string.Equals(token.Method, request.Method, StringComparison.Ordinal)
            || !RoutePath.IsCanonical(request.Path)
            || !string.Equals(token.Path, request.Path, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var (name, value) in token.Query)
        {
            var given = request.Query.Where(p => p.Key == name).ToList();
            if (given.Count != 1 || !string.Equals(given[0].Value, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
