using System.Text.Json;
using SessionService.Grains;

namespace SessionService.Api.Tokens;

/// <summary>
/// The admin-issued service token (<see cref="AccessTokenIssuer.IssueCustom"/>, <c>typ: JWT</c>) as this service
/// honours it: only with the service-token audience (<c>Auth:ServiceTokenAudience</c>), so one issued for another
/// service (a custom <c>aud</c>) is refused here, and its type and audience differ from an access token's, so
/// neither ever passes for the other.
/// </summary>
public static class ServiceTokenKind
{
    public static TokenKind<ServiceTokenIdentity> Create(SigningKeys keys, AuthOptions options) => new()
    {
        Name = "service token",
        Type = AccessTokenIssuer.CustomTokenType,
        Issuer = options.Issuer,
        Audience = options.ServiceTokenAudience,
        Algorithms = [keys.Algorithm],
        FindKey = keys.Find,
        RequiredClaims = new Dictionary<string, ClaimShape>
        {
            ["jti"] = ClaimShape.NonEmptyString,
            ["exp"] = ClaimShape.IntegerTime,
            ["iat"] = ClaimShape.IntegerTime,
            ["nbf"] = ClaimShape.IntegerTime,
        },
        OptionalClaims = new Dictionary<string, ClaimShape>
        {
            ["sub"] = ClaimShape.NonEmptyString,
            ["scope"] = ClaimShape.NonEmptyString,
        },
        ReadIdentity = Read,
        CacheSize = 1_000,
    };

    private static ServiceTokenIdentity Read(JsonElement claims)
    {
        var scopes = claims.TryGetProperty("scope", out var scope)
            ? ServiceScopes.Parse(scope.GetString()!) ?? []
            : [];
        return new ServiceTokenIdentity(
            claims.TryGetProperty("sub", out var sub) ? sub.GetString() : null,
            scopes.ToHashSet(StringComparer.Ordinal),
            claims.GetProperty("exp").GetInt64(),
            Math.Max(claims.GetProperty("nbf").GetInt64(), claims.GetProperty("iat").GetInt64()));
    }
}
