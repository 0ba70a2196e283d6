using System.Net;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class ValidateTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Validate_ReturnsClaims_ForFreshToken_OnGetAndPost()
    {
        var (name, id) = await Client.NewUserAsync(["editor"]);
        var login = await Client.LoginOkAsync(name);
        var token = login.Str("access_token");

        var get = await Client.ValidateAsync(token);
        var post = await Client.PostAsync("/auth/validate", bearer: token);
        var json = await get.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.Equal(id, json.Str("sub"));
        var claims = json.GetProperty("claims");
        Assert.Equal(json.Str("sid"), claims.Str("sid"));
        Assert.Equal(name, claims.Str("preferred_username"));
        Assert.Equal("editor", claims.GetProperty("roles")[0].GetString());
        Assert.Equal(claims.GetProperty("exp").GetInt64(), json.GetProperty("exp").GetInt64());
        foreach (var claim in new[] { "iss", "aud", "jti", "iat", "nbf" })
        {
            Assert.True(claims.TryGetProperty(claim, out _), claim);
        }

        var header = JsonHeader(token);
        Assert.Contains("\"typ\":\"at+jwt\"", header);
        Assert.Contains("\"alg\":\"ES256\"", header);
        Assert.Contains("\"kid\":", header);
    }

    [Fact]
    public async Task Validate_IsNoAuthHeader_WhenHeaderMissingOrNotBearer()
    {
        var missing = await Client.SendAsync(HttpMethod.Get, "/auth/validate");
        using var basic = new HttpRequestMessage(HttpMethod.Get, "/auth/validate");
        basic.Headers.Add("Authorization", "Basic dXNlcjpwYXNz");

        await missing.AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
        Assert.StartsWith("Bearer realm=", missing.Headers.WwwAuthenticate.ToString());
        await (await Client.SendAsync(basic)).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y2lwaGVy.dGFn")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJ4In0.")]
    public async Task Validate_IsInvalidToken_WhenMalformed(string token)
    {
        var response = await Client.ValidateAsync(token);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Validate_IsInvalidToken_WhenSignatureTampered()
    {
        var (name, _) = await Client.NewUserAsync();
        var token = (await Client.LoginOkAsync(name)).Str("access_token");
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"roles\":[]", "\"roles\":[\"admin\"]");
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        await (await Client.ValidateAsync(tampered)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        await (await Client.GetAsync("/users/" + Guid.NewGuid().ToString("N"), tampered)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Validate_IsExpiredToken_AfterLifetimePlusLeeway()
    {
        var (name, _) = await Client.NewUserAsync();
        var token = (await Client.LoginOkAsync(name)).Str("access_token");

        fixture.Factory.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(token)).StatusCode);
        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(11));

        await (await Client.ValidateAsync(token)).AssertProblemAsync(HttpStatusCode.Unauthorized, "expired_token");
    }

    [Fact]
    public async Task Validate_IsBadIssAndBadAud_ForOtherIssuerOrAudience()
    {
        var wrongIssuer = TokenForge.Sign(fixture.Factory, (d, _) => d.Issuer = "someone-else");
        var wrongAudience = TokenForge.Sign(fixture.Factory, (d, _) => d.Audience = "another-api");

        await (await Client.ValidateAsync(wrongIssuer)).AssertProblemAsync(HttpStatusCode.Unauthorized, "bad_iss");
        await (await Client.ValidateAsync(wrongAudience)).AssertProblemAsync(HttpStatusCode.Unauthorized, "bad_aud");
    }

    [Fact]
    public async Task Validate_IsInvalidToken_ForWrongTypMissingClaimOrFutureNbf()
    {
        var wrongType = TokenForge.Sign(fixture.Factory, (d, _) => d.TokenType = "JWT");
        var noSid = TokenForge.Sign(fixture.Factory, (_, c) => c.Remove("sid"));
        var stringExp = TokenForge.Sign(fixture.Factory, (d, c) => { d.Expires = null; c["exp"] = "9999999999"; });
        var future = TokenForge.Sign(fixture.Factory, (d, _) =>
        {
            d.NotBefore = fixture.Factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(5);
            d.Expires = d.NotBefore.Value.AddMinutes(10);
        });

        var absurdExp = TokenForge.Sign(fixture.Factory, (d, c) => { d.Expires = null; c["exp"] = 1e30; });
        var numericSub = TokenForge.Sign(fixture.Factory, (_, c) => c["sub"] = 42);
        var stringRoles = TokenForge.Sign(fixture.Factory, (_, c) => c["roles"] = "admin");
        var noExp = TokenForge.Sign(fixture.Factory, (d, _) => d.Expires = null);

        foreach (var token in new[] { wrongType, noSid, stringExp, future, absurdExp, numericSub, stringRoles, noExp })
        {
            await (await Client.ValidateAsync(token)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        }
    }

    [Fact]
    public async Task Validate_IsObsoleteToken_WithinOneSecondOfLogout()
    {
        var (name, _) = await Client.NewUserAsync();
        var token = (await Client.LoginOkAsync(name)).Str("access_token");
        // Validated twice (and so cached as verified) before the logout: the cache must not hide it.
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(token)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync("/auth/logout", bearer: token)).StatusCode);

        await Eventually.ProblemAsync(() => Client.ValidateAsync(token), "obsolete_token");
    }

    [Fact]
    public async Task Validate_IsUserNotFound_WhenUserDeletedOrDisabled()
    {
        var (deletedName, deletedId) = await Client.NewUserAsync();
        var (disabledName, disabledId) = await Client.NewUserAsync();
        var deletedToken = (await Client.LoginOkAsync(deletedName)).Str("access_token");
        var disabledToken = (await Client.LoginOkAsync(disabledName)).Str("access_token");
        var admin = await Client.AdminTokenAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/users/{deletedId}", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync($"/users/{disabledId}/disable", bearer: admin)).StatusCode);

        await Eventually.ProblemAsync(() => Client.ValidateAsync(deletedToken), "user_not_found");
        await Eventually.ProblemAsync(() => Client.ValidateAsync(disabledToken), "user_not_found");

        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync($"/users/{disabledId}/enable", bearer: admin)).StatusCode);
        await Eventually.ProblemAsync(() => Client.ValidateAsync(disabledToken), "obsolete_token");
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync((await Client.LoginOkAsync(disabledName)).Str("access_token"))).StatusCode);
    }

    private static string JsonHeader(string token) => Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.Split('.')[0]));
}
