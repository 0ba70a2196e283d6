using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using SessionService.Grains.Claims;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Tokens;

/// <summary>
/// The claims of a user's access token: <c>Auth:DefaultClaims</c>, then the user's own custom claims over them,
/// then the profile and the claims the service sets. The reserved names keep the last two from colliding with the first.
/// </summary>
public static class AccessTokenClaims
{
    public static Dictionary<string, object> For(IssuedSession session, IEnumerable<KeyValuePair<string, object>> defaults)
    {
        var user = session.User;
        var claims = new Dictionary<string, object>(defaults, StringComparer.Ordinal);
        foreach (var (name, raw) in user.Claims)
        {
            using var value = JsonDocument.Parse(raw);
            claims[name] = value.RootElement.Clone();
        }

        AddIfSet(claims, ProfileClaims.Email, user.Profile.Email);
        AddIfSet(claims, ProfileClaims.DisplayName, user.Profile.DisplayName);
        AddIfSet(claims, ProfileClaims.FirstName, user.Profile.FirstName);
        AddIfSet(claims, ProfileClaims.LastName, user.Profile.LastName);
        if (user.Number is { } number)
        {
            claims[ProfileClaims.Number] = number;
        }

        claims[JwtRegisteredClaimNames.Sub] = user.Id;
        claims[JwtRegisteredClaimNames.Sid] = session.SessionId;
        claims[JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N");
        claims[JwtRegisteredClaimNames.PreferredUsername] = user.Username;
        claims["roles"] = user.Roles.ToArray();
        return claims;
    }

    private static void AddIfSet(Dictionary<string, object> claims, string name, string? value)
    {
        if (value is not null)
        {
            claims[name] = value;
        }
    }
}
