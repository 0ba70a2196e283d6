using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SessionService.Api.Tokens;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Routes;

/// <summary>Signs route tokens with the node's newest key, bound to what the route grain was issued with.</summary>
public sealed class RouteTokenIssuer(SigningKeys keys, IOptions<AuthOptions> options)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly AuthOptions _auth = options.Value;

    public string Sign(string id, NewRouteToken route, DateTimeOffset issuedAt)
    {
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Jti] = id,
            ["method"] = route.Method,
            ["path"] = route.Path,
        };
        if (route.Query.Count > 0)
        {
            claims["query"] = route.Query.ToDictionary(q => q.Key, q => (object)q.Value, StringComparer.Ordinal);
        }

        if (route.ActAsMe)
        {
            claims[JwtRegisteredClaimNames.Sub] = route.OwnerId;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = RouteTokenKind.TokenType,
            Issuer = _auth.Issuer,
            Audience = RouteTokenKind.AudienceOf(_auth),
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = route.ExpiresAt.UtcDateTime,
            SigningCredentials = keys.Signing,
            Claims = claims,
        });
    }
}
