using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SessionService.Api.Tokens;

namespace SessionService.Tests.Support;

/// <summary>Signs tokens with the node's real key but claims of the test's choosing.</summary>
public static class TokenForge
{
    public static string Sign(ApiFactory factory, Action<SecurityTokenDescriptor, Dictionary<string, object>> change)
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = Guid.NewGuid().ToString("N"),
            ["sid"] = Guid.NewGuid().ToString("N"),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["roles"] = Array.Empty<string>(),
        };
        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = "session-service",
            Audience = "session-service-api",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = factory.Services.GetRequiredService<SigningKeys>().Signing,
            Claims = claims,
        };
        change(descriptor, claims);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
