using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionService.Api.Http;
using SessionService.Grains;

namespace SessionService.Api.Tokens;

/// <summary>
/// What can change while a verified access token is presented: the time (checked with the injected
/// clock and <c>Auth:ClockSkew</c>), and the revocation set pushed by the cluster.
/// </summary>
public sealed class AccessTokenSessionCheck(RevocationSet revocations, IOptions<AuthOptions> options, [FromKeyedServices(SessionClock.Key)] TimeProvider clock)
{
    private static readonly TokenLifetime Lifetime = new("access token");
    private static readonly TokenRejection UserGone = new(ErrorCodes.UserNotFound, "The user no longer exists or is disabled.");
    private static readonly TokenRejection SessionRevoked = new(ErrorCodes.ObsoleteToken, "The session of this token has been revoked.");

    private readonly long _skewSeconds = (long)options.Value.ClockSkew.TotalSeconds;

    /// <summary>Null when the token's session is alive now, else why not.</summary>
    public TokenRejection? Check(AccessTokenIdentity identity)
    {
        if (Lifetime.Check(identity.ExpiresAt, identity.NotBefore, clock.GetUtcNow().ToUnixTimeSeconds(), _skewSeconds) is { } outside)
        {
            return outside;
        }

        if (revocations.IsUserBlocked(identity.UserId))
        {
            return UserGone;
        }

        return revocations.IsSessionRevoked(identity.SessionId) ? SessionRevoked : null;
    }
}
