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
    private static readonly TokenRejection Expired = new(ErrorCodes.ExpiredToken, "The access token has expired.");
    private static readonly TokenRejection NotYetValid = new(ErrorCodes.InvalidToken, "The access token is not valid yet.");
    private static readonly TokenRejection UserGone = new(ErrorCodes.UserNotFound, "The user no longer exists or is disabled.");
    private static readonly TokenRejection SessionRevoked = new(ErrorCodes.ObsoleteToken, "The session of this token has been revoked.");

    private readonly long _skewSeconds = (long)options.Value.ClockSkew.TotalSeconds;

    /// <summary>Null when the token's session is alive now, else why not.</summary>
    public TokenRejection? Check(AccessTokenIdentity identity)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (now >= identity.ExpiresAt + _skewSeconds)
        {
            return Expired;
        }

        if (identity.NotBefore > now + _skewSeconds)
        {
            return NotYetValid;
        }

        if (revocations.IsUserBlocked(identity.UserId))
        {
            return UserGone;
        }

        return revocations.IsSessionRevoked(identity.SessionId) ? SessionRevoked : null;
    }
}
