using SessionService.Api.Http;
using SessionService.Api.Telemetry;
using SessionService.Api.Tokens;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Routes;

/// <summary>
/// Using a route token (verify and claim): the signature and type, expiry on the node's clock, the
/// binding to the original request, then the token's grain, which alone decides and counts the use.
/// </summary>
public sealed class RouteTokens(
    JwsVerifier<RouteTokenIdentity> verifier,
    IGrainFactory grains,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock)
{
    private static readonly RouteUse NoToken = Invalid("Send the route token as the jwt query parameter, once.");

    /// <param name="request">The request to match the binding against; null for a claim, which opens nothing itself.</param>
    public async Task<RouteUse> UseAsync(string? token, OriginalRequest? request, ClientInfo client)
    {
        var use = await DecideAsync(token, request, client);
        ApiMetrics.RecordRouteVerification(use.Error?.Code);
        return use;
    }

    private async Task<RouteUse> DecideAsync(string? token, OriginalRequest? request, ClientInfo client)
    {
        if (token is null)
        {
            return NoToken;
        }

        var verified = await verifier.VerifyAsync(token);
        if (verified.Identity is not { } identity || !Ids.IsHexId(identity.Id))
        {
            return Invalid(verified.Rejection?.Detail ?? "The route token is not valid.");
        }

        if (clock.GetUtcNow().ToUnixTimeSeconds() >= identity.ExpiresAt)
        {
            return Expired();
        }

        if (request is not null && !RouteMatch.Matches(identity, request))
        {
            return RouteUse.Refused(StatusCodes.Status403Forbidden, ErrorCodes.RouteMismatch, "The request is not the one this route token opens.");
        }

        var result = await grains.Grain<IRouteTokenGrain>(identity.Id).UseAsync(client);
        return result.Outcome switch
        {
            RouteUseOutcome.Granted => new(result.Token, null),
            RouteUseOutcome.Expired => Expired(),
            RouteUseOutcome.UsedUp => RouteUse.Refused(StatusCodes.Status410Gone, ErrorCodes.RouteTokenUsedUp, "The route token has no uses left."),
            RouteUseOutcome.IssuerGone => Invalid("The user this route token acts as no longer stands behind it."),
            _ => Invalid("The route token is revoked or unknown."),
        };
    }

    private static RouteUse Invalid(string detail) => RouteUse.Refused(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidRouteToken, detail);

    private static RouteUse Expired() => RouteUse.Refused(StatusCodes.Status401Unauthorized, ErrorCodes.ExpiredToken, "The route token has expired.");
}
