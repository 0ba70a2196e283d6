using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Tokens;

/// <summary>Signs access tokens (<c>typ: at+jwt</c>) for a device session the user grain has issued.</summary>
public sealed class AccessTokenIssuer(SigningKeys keys, IOptions<AuthOptions> options, [FromKeyedServices(SessionClock.Key)] TimeProvider clock)
{
    public const string TokenType = "at+jwt";
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly AuthOptions _auth = options.Value;

    public (string Token, long ExpiresIn, long RefreshExpiresIn) Issue(IssuedSession session)
    {
        var now = clock.GetUtcNow();
        // An access token never outlives its session, so an expired session needs no revocation entry.
        var expires = now + _auth.AccessTokenLifetime < session.ExpiresAt ? now + _auth.AccessTokenLifetime : session.ExpiresAt;
        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = TokenType,
            Issuer = _auth.Issuer,
            Audience = _auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = keys.Signing,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = session.User.Id,
                [JwtRegisteredClaimNames.Sid] = session.SessionId,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
                [JwtRegisteredClaimNames.PreferredUsername] = session.User.Username,
                ["roles"] = session.User.Roles.ToArray(),
            },
        };

        return (_handler.CreateToken(descriptor), (long)(expires - now).TotalSeconds, (long)(session.ExpiresAt - now).TotalSeconds);
    }
}
