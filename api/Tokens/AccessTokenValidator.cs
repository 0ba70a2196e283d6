using SessionService.Api.Telemetry;

namespace SessionService.Api.Tokens;

/// <summary>
/// Validates access tokens on this node alone: the <see cref="JwsVerifier{TIdentity}"/> for the access
/// token kind, then the <see cref="AccessTokenSessionCheck"/> on every request.
/// </summary>
public sealed class AccessTokenValidator(JwsVerifier<AccessTokenIdentity> verifier, AccessTokenSessionCheck sessionCheck)
{
    public async Task<TokenCheck> ValidateAsync(string token)
    {
        var verified = await verifier.VerifyAsync(token);
        var rejection = verified.Rejection ?? sessionCheck.Check(verified.Identity!);
        ApiMetrics.RecordValidation(rejection?.Code);
        return rejection is null
            ? new TokenCheck(verified.Identity, null, null)
            : TokenCheck.Fail(rejection.Code, rejection.Detail);
    }
}
