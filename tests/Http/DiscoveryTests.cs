using System.Net;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.DependencyInjection;
using SessionService.Api.Tokens;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class DiscoveryTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Jwks_PublishesPublicKeyOfTokenKid_WithoutPrivateParts()
    {
        var (name, _) = await Client.NewUserAsync();
        var kid = Kid((await Client.LoginOkAsync(name)).Str("access_token"));

        var response = await Client.GetAsync("/.well-known/jwks.json");
        var keys = (await response.JsonAsync()).GetProperty("keys").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var key = Assert.Single(keys, k => k.Str("kid") == kid);
        Assert.Equal("EC", key.Str("kty"));
        Assert.Equal("ES256", key.Str("alg"));
        Assert.Equal("sig", key.Str("use"));
        Assert.All(keys, k => Assert.False(k.TryGetProperty("d", out _)));
        Assert.NotNull(response.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task OpenIdConfiguration_NamesIssuerJwksAndTokenEndpoint()
    {
        var json = await (await Client.GetAsync("/.well-known/openid-configuration")).JsonAsync();

        Assert.Equal("session-service", json.Str("issuer"));
        Assert.EndsWith("/.well-known/jwks.json", json.Str("jwks_uri"));
        Assert.EndsWith("/oauth/token", json.Str("token_endpoint"));
        Assert.Equal("ES256", json.GetProperty("id_token_signing_alg_values_supported")[0].GetString());
    }

    [Fact]
    public async Task RotateKeys_NewTokensGetNewKid_OldTokensStillValidate()
    {
        var (name, _) = await Client.NewUserAsync();
        var before = (await Client.LoginOkAsync(name)).Str("access_token");

        var rotate = await Client.PostAsync("/admin/keys/rotate", bearer: await Client.AdminTokenAsync());
        var after = (await Client.LoginOkAsync(name)).Str("access_token");

        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        Assert.Equal((await rotate.JsonAsync()).Str("kid"), Kid(after));
        Assert.NotEqual(Kid(before), Kid(after));
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(before)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(after)).StatusCode);
        var kids = (await (await Client.GetAsync("/.well-known/jwks.json")).JsonAsync()).GetProperty("keys").EnumerateArray().Select(k => k.Str("kid")).ToList();
        Assert.Contains(Kid(before), kids);
        Assert.Contains(Kid(after), kids);
    }

    [Fact]
    public async Task RetiredKey_LeavesJwksAndStopsVerifying_OnceItsTokensHaveExpired()
    {
        var (name, _) = await Client.NewUserAsync();
        var before = (await Client.LoginOkAsync(name)).Str("access_token");
        await Client.PostAsync("/admin/keys/rotate", bearer: await Client.AdminTokenAsync());

        // Kept for the longest service token (24 h) plus the clock skew, not just an access token's 10 minutes.
        fixture.Factory.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(31));
        // What every node does on its 30 s resync tick.
        await fixture.Factory.Services.GetRequiredService<SigningKeys>().ReloadAsync();

        var kids = (await (await Client.GetAsync("/.well-known/jwks.json")).JsonAsync()).GetProperty("keys").EnumerateArray().Select(k => k.Str("kid"));
        Assert.DoesNotContain(Kid(before), kids);
        await (await Client.ValidateAsync(before)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        var after = (await Client.LoginOkAsync(name)).Str("access_token");
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(after)).StatusCode);
    }

    [Fact]
    public async Task Health_LiveAndReady_Are200()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_DocumentsEveryContractPath()
    {
        var paths = (await (await Client.GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");

        foreach (var path in new[] { "/auth/token", "/auth/refresh", "/auth/validate", "/auth/logout", "/auth/sessions", "/auth/sessions/{device}",
                     "/auth/password", "/users", "/users/{id}", "/users/{id}/disable", "/users/{id}/enable", "/users/{id}/login-attempts",
                     "/users/{id}/sessions", "/admin/keys/rotate", "/.well-known/jwks.json", "/.well-known/openid-configuration",
                     "/.well-known/oauth-authorization-server", "/oauth/token", "/oauth/revoke", "/oauth/introspect", "/revocations", "/revocations/stream" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }

    [Theory]
    [InlineData("/auth/token", "post", "Auth")]
    [InlineData("/auth/sessions", "get", "Sessions")]
    [InlineData("/users", "post", "Users")]
    [InlineData("/users/{id}", "patch", "Users")]
    [InlineData("/admin/keys/rotate", "post", "Keys")]
    [InlineData("/admin/tokens", "post", "Service tokens")]
    [InlineData("/.well-known/jwks.json", "get", "Discovery")]
    [InlineData("/oauth/token", "post", "OAuth 2.0")]
    [InlineData("/revocations/stream", "get", "Revocations")]
    public async Task OpenApi_TagsEachOperation_WithTheGroupItBelongsTo(string path, string method, string tag)
    {
        var paths = (await (await Client.GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");

        var tags = paths.GetProperty(path).GetProperty(method).GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal([tag], tags);
    }

    private static string Kid(string token)
    {
        var header = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.Split('.')[0]));
        return System.Text.Json.JsonDocument.Parse(header).RootElement.Str("kid");
    }
}
