using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace SessionService.AspNetCore;

/// <summary>
/// Runs after JwtBearer has verified a token (signature, issuer, audience, lifetime): refuses it when its
/// session is revoked or its user blocked, or when the revocation feed is too stale to say. No call leaves the process.
/// </summary>
internal sealed class RevokedTokenCheck(RevocationFeedState feed, LocalRevocations revocations)
{
    public const string SessionClaim = "sid";
    public const string UserClaim = "sub";

    public Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        if (feed.RefusesAllTokens)
        {
            context.Fail("The revocation feed is not caught up, so no token can be trusted.");
        }
        else if (revocations.Refuses(context.Principal?.FindFirst(SessionClaim)?.Value, context.Principal?.FindFirst(UserClaim)?.Value))
        {
            context.Fail("The token's session was revoked or its user is blocked.");
        }

        return Task.CompletedTask;
    }
}
