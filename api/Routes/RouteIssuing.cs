using SessionService.Api.Http;
using SessionService.Api.Tokens;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Routes;

/// <summary>Issues a route token: index entry, then the token's grain, then the signed link.</summary>
public sealed class RouteIssuing(IGrainFactory grains, RouteTokenIssuer issuer, [FromKeyedServices(SessionClock.Key)] TimeProvider clock)
{
    /// <summary>Null when the caller no longer stands (acting as them is asked, but they are gone or disabled).</summary>
    public async Task<IssuedRoute?> IssueAsync(AccessTokenIdentity caller, RouteTokenRequest request)
    {
        string? stamp = null;
        if (request.ActAsMe && (stamp = await grains.Grain<IUserGrain>(caller.UserId).GetSecurityStampAsync()) is null)
        {
            return null;
        }

        var id = Ids.NewSessionId();
        var now = clock.GetUtcNow();
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + request.ExpiresIn);
        var route = new NewRouteToken(
            caller.UserId, caller.Username ?? "", request.Method, request.Path, request.Query, request.ActAsMe, stamp, expiresAt, request.MaxUses);

        // Signed first: a binding too large to verify is refused before anything is stored.
        var token = issuer.Sign(id, route, now);
        if (token.Length > RouteTokenKind.MaxLength)
        {
            throw BadInputException.Invalid("The path and query bound together make the token too long: bind less.");
        }

        // Listed before it exists: a failure between the two leaves an id that lists as nothing, never a token no one can list.
        await grains.Grain<IRouteIndexGrain>(caller.UserId).AddAsync(id, expiresAt);
        await grains.Grain<IRouteTokenGrain>(id).IssueAsync(route);
        return new IssuedRoute(id, token, LinkOf(route, token), expiresAt, request.MaxUses);
    }

    /// <summary>The path with its bound query and <c>jwt</c> added, each escaped.</summary>
    public static string LinkOf(NewRouteToken route, string token)
    {
        var query = route.Query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}")
            .Append($"{OriginalRequest.TokenParameter}={token}");
        return $"{route.Path}?{string.Join('&', query)}";
    }
}
