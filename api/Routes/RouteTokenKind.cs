using System.Text.Json;
using SessionService.Api.Http;
using SessionService.Api.Tokens;
using SessionService.Grains;

namespace SessionService.Api.Routes;

/// <summary>
/// The route token (<c>typ: route+jwt</c>): signed with the service's keys like an access token, but with
/// its own type and audience, so neither kind ever passes for the other.
/// </summary>
public static class RouteTokenKind
{
    public const string TokenType = "route+jwt";

    /// <summary>The longest token verified (and so issued): links stay usable in URLs and proxies' buffers.</summary>
    public const int MaxLength = 8 * 1024;

    public static string AudienceOf(AuthOptions options) => options.Audience + ":routes";

    public static TokenKind<RouteTokenIdentity> Create(SigningKeys keys, AuthOptions options) => new()
    {
        Name = "route token",
        Type = TokenType,
        Issuer = options.Issuer,
        Audience = AudienceOf(options),
        Algorithms = [keys.Algorithm],
        FindKey = keys.Find,
        RequiredClaims = new Dictionary<string, ClaimShape>
        {
            ["jti"] = ClaimShape.NonEmptyString,
            ["exp"] = ClaimShape.IntegerTime,
            ["iat"] = ClaimShape.IntegerTime,
            ["method"] = ClaimShape.NonEmptyString,
            ["path"] = ClaimShape.NonEmptyString,
        },
        OptionalClaims = new Dictionary<string, ClaimShape>
        {
            ["sub"] = ClaimShape.NonEmptyString,
            ["query"] = ClaimShape.StringMap,
        },
        ReadIdentity = Read,
        MaxLength = MaxLength,
        InvalidCode = ErrorCodes.InvalidRouteToken,
        BadIssuerCode = ErrorCodes.InvalidRouteToken,
        BadAudienceCode = ErrorCodes.InvalidRouteToken,
    };

    private static RouteTokenIdentity Read(JsonElement claims)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (claims.TryGetProperty("query", out var bound))
        {
            foreach (var item in bound.EnumerateObject())
            {
                query[item.Name] = item.Value.GetString()!;
            }
        }

        return new RouteTokenIdentity(
            claims.GetProperty("jti").GetString()!,
            claims.GetProperty("method").GetString()!,
            claims.GetProperty("path").GetString()!,
            query,
            claims.TryGetProperty("sub", out var sub) ? sub.GetString() : null,
            claims.GetProperty("exp").GetInt64());
    }
}
