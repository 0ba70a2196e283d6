using Microsoft.Extensions.Options;
using SessionService.Api.Gateway.Verification;
using SessionService.Api.Telemetry;
using SessionService.Api.Tokens;

namespace SessionService.Api.Gateway;

/// <summary>
/// The one decision behind <c>/gateway/verify</c> and the built-in proxy: preflight, the token's place
/// (one token only), then a consumer token (or, when accepted, this service's own access token), and the
/// anonymous consumer for whatever fails.
/// </summary>
public sealed class GatewayGate(
    IOptions<GatewayOptions> options,
    GatewayTokenLocator locator,
    ConsumerTokenVerifier consumerTokens,
    AccessTokenValidator accessTokens,
    AnonymousConsumer anonymous)
{
    private readonly GatewayOptions _options = options.Value;

    public async ValueTask<GatewayDecision> DecideAsync(GatewayRequest request)
    {
        if (request.IsPreflight && !_options.RunOnPreflight)
        {
            ApiMetrics.RecordGatewayVerification("preflight", null);
            return GatewayDecision.PassWithoutIdentity;
        }

        var decision = await VerifyAsync(request);
        var anonymousPass = !decision.Allowed && _options.Anonymous is not null;
        ApiMetrics.RecordGatewayVerification(decision.Allowed ? "pass" : anonymousPass ? "anonymous" : "refuse", decision.Code);
        return anonymousPass
            ? GatewayDecision.Pass(IdentityHeaders.ForAnonymous(await anonymous.GetAsync()))
            : decision;
    }

    private async ValueTask<GatewayDecision> VerifyAsync(GatewayRequest request)
    {
        var search = locator.Locate(request.Query, request.Headers);
        if (_options.AcceptAccessTokens && search.Token is { } token && AccessTokenKind.IsDeclaredBy(token))
        {
            var check = await accessTokens.ValidateAsync(token);
            return check.Identity is { } user
                ? GatewayDecision.Pass(IdentityHeaders.ForUser(user))
                : GatewayDecision.Refuse(check.ErrorCode!, check.Detail!);
        }

        var verdict = consumerTokens.Verify(search);
        return verdict.Succeeded
            ? GatewayDecision.Pass(IdentityHeaders.ForCredential(verdict.Credential))
            : GatewayDecision.Refuse(verdict.Code, verdict.Message);
    }
}
