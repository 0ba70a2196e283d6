using System.Text.Json;
using SessionService.Grains;

namespace SessionService.Api.Tokens;

/// <summary>The access token (<c>typ: at+jwt</c>) as <see cref="AccessTokenIssuer"/> signs it.</summary>
public static class AccessTokenKind
{
    public static TokenKind<AccessTokenIdentity> Create(SigningKeys keys, AuthOptions options) => new()
    {
        Name = "access token",
        Type = AccessTokenIssuer.TokenType,
        Issuer = options.Issuer,
        Audience = options.Audience,
        // Pinned by configuration: never taken from the token's header.
        Algorithms = [keys.Algorithm],
        FindKey = keys.Find,
        RequiredClaims = new Dictionary<string, ClaimShape>
        {
            ["sub"] = ClaimShape.NonEmptyString,
            ["sid"] = ClaimShape.NonEmptyString,
            ["jti"] = ClaimShape.NonEmptyString,
            ["exp"] = ClaimShape.IntegerTime,
            ["iat"] = ClaimShape.IntegerTime,
            ["nbf"] = ClaimShape.IntegerTime,
        },
        OptionalClaims = new Dictionary<string, ClaimShape> { ["roles"] = ClaimShape.StringArray },
        ReadIdentity = Read,
    };

    /// <summary>
    /// Whether the token's header declares it an access token (<c>typ</c>), so a surface that accepts both
    /// kinds knows which verification applies; it proves nothing, the verification does.
    /// </summary>
    public static bool IsDeclaredBy(string token)
    {
        var end = token.IndexOf('.');
        return end > 0
            && CompactJws.ReadObject(token.AsSpan(0, end)) is { } header
            && header.TryGetProperty("typ", out var type)
            && type.ValueKind == JsonValueKind.String
            && type.ValueEquals(AccessTokenIssuer.TokenType);
    }

    private static AccessTokenIdentity Read(JsonElement claims)
    {
        var roles = claims.TryGetProperty("roles", out var roleClaim)
            ? roleClaim.EnumerateArray().Select(r => r.GetString()!).ToList()
            : [];
        var username = claims.TryGetProperty("preferred_username", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
        var notBefore = Math.Max(claims.GetProperty("nbf").GetInt64(), claims.GetProperty("iat").GetInt64());
        return new AccessTokenIdentity(
            claims.GetProperty("sub").GetString()!,
            claims.GetProperty("sid").GetString()!,
            username,
            roles,
            claims.GetProperty("exp").GetInt64(),
            notBefore,
            claims);
    }
}
