using System.Text.Json;
using SessionService.Api.Tokens;
using SessionService.Grains;

namespace SessionService.Api.OAuth;

/// <summary>
/// RFC 7662 answers. An access token valid now (signature, lifetime, its session not revoked, its user not blocked:
/// exactly what this service's own endpoints accept) and a service token valid now are active; anything else,
/// refresh tokens included, is <c>{"active": false}</c>: a refresh token means something only to its client and
/// the token endpoint, and telling whether one is current would take a grain call that must not rotate it.
/// </summary>
public static class Introspection
{
    public static readonly IReadOnlyDictionary<string, object> Inactive = new Dictionary<string, object> { ["active"] = false };

    public static IReadOnlyDictionary<string, object> ForAccessToken(AccessTokenIdentity identity)
    {
        var claims = identity.Claims;
        var answer = new Dictionary<string, object>
        {
            ["active"] = true,
            ["token_type"] = "Bearer",
            ["sub"] = identity.UserId,
            ["sid"] = identity.SessionId,
            ["exp"] = identity.ExpiresAt,
            ["iat"] = claims.GetProperty("iat").GetInt64(),
            ["nbf"] = claims.GetProperty("nbf").GetInt64(),
            ["iss"] = claims.GetProperty("iss").Clone(),
            ["aud"] = claims.GetProperty("aud").Clone(),
            ["jti"] = claims.GetProperty("jti").GetString()!,
            ["roles"] = identity.Roles,
        };
        if (identity.Username is { } username)
        {
            answer["username"] = username;
        }

        if (claims.TryGetProperty("client_id", out var clientId) && clientId.ValueKind == JsonValueKind.String)
        {
            answer["client_id"] = clientId.GetString()!;
        }

        return answer;
    }

    public static IReadOnlyDictionary<string, object> ForServiceToken(ServiceTokenIdentity identity, AuthOptions options)
    {
        var answer = new Dictionary<string, object>
        {
            ["active"] = true,
            ["token_type"] = "Bearer",
            ["exp"] = identity.ExpiresAt,
            ["iat"] = identity.NotBefore,
            ["iss"] = options.Issuer,
            ["aud"] = options.ServiceTokenAudience,
        };
        if (identity.Subject is { } subject)
        {
            answer["sub"] = subject;
        }

        if (identity.Scopes.Count > 0)
        {
            answer["scope"] = string.Join(' ', identity.Scopes);
        }

        return answer;
    }
}
