using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class CustomTokenTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task AdminTokens_CarryGivenClaims_SignedWithActiveKey_ButAreNoAccessTokens()
    {
        var admin = await Client.AdminTokenAsync();

        var response = await Client.PostAsync("/admin/tokens", new
        {
            sub = "svc-reports",
            expires_in = 120,
            claims = new { scope = "reports:read", tenant = new { id = 7 }, numbers = new[] { 1, 2 } },
        }, admin);
        var json = await response.JsonAsync();
        var token = new JsonWebToken(json.Str("token"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("svc-reports", token.Subject);
        Assert.Equal("session-service", token.Issuer);
        Assert.Equal("JWT", token.Typ);
        Assert.Equal(RawJwt.KidOf(admin), token.Kid);
        Assert.Equal(json.Str("kid"), token.Kid);
        Assert.Equal(120, (long)(token.ValidTo - token.IssuedAt).TotalSeconds);
        var payload = JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(token.EncodedPayload)).RootElement;
        Assert.Equal("reports:read", payload.Str("scope"));
        Assert.Equal(7, payload.GetProperty("tenant").GetProperty("id").GetInt32());
        Assert.Equal(2, payload.GetProperty("numbers").GetArrayLength());
        await (await Client.ValidateAsync(json.Str("token"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "bad_aud");
        var accessAudience = await (await Client.PostAsync("/admin/tokens", new { aud = "session-service-api" }, admin)).JsonAsync();
        await (await Client.ValidateAsync(accessAudience.Str("token"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Theory]
    [InlineData("{\"claims\": {\"exp\": 9999999999}}")]
    [InlineData("{\"claims\": {\"iss\": \"someone\"}}")]
    [InlineData("{\"claims\": {\"sid\": \"x\"}}")]
    [InlineData("{\"claims\": {\"SID\": \"x\"}}")]
    [InlineData("{\"claims\": {\"Sub\": \"x\"}}")]
    [InlineData("{\"claims\": {\"roles\": [\"admin\"]}}")]
    [InlineData("{\"claims\": {\"Roles\": [\"admin\"]}}")]
    [InlineData("{\"claims\": {\"preferred_username\": \"root-admin\"}}")]
    [InlineData("{\"claims\": {\"PREFERRED_USERNAME\": \"root-admin\"}}")]
    [InlineData("{\"claims\": {\"JTI\": \"x\"}}")]
    [InlineData("{\"claims\": \"not-an-object\"}")]
    [InlineData("{\"expires_in\": 0}")]
    [InlineData("{\"expires_in\": 86401}")]
    [InlineData("{\"expires_in\": \"soon\"}")]
    public async Task AdminTokens_RefuseReservedClaimsAndBadLifetimes(string body)
    {
        var response = await Client.SendAsync(HttpMethod.Post, "/admin/tokens", bearer: await Client.AdminTokenAsync(),
            content: new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task AdminTokens_HaveTheirOwnDefaultAudience_AndKeepClaimsThatOnlyResembleReservedOnes()
    {
        var response = await Client.PostAsync("/admin/tokens", new { claims = new { roles_wanted = "x", sids = 2, username = "svc" } }, await Client.AdminTokenAsync());
        var token = new JsonWebToken((await response.JsonAsync()).Str("token"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["session-service-service-tokens"], token.Audiences);
        Assert.NotEqual("session-service-api", Assert.Single(token.Audiences));
        Assert.Equal("x", token.GetClaim("roles_wanted").Value);
        Assert.Equal("svc", token.GetClaim("username").Value);
    }

    [Fact]
    public async Task AdminTokens_NeedTheAdminRole()
    {
        var (name, _) = await Client.NewUserAsync();
        var member = (await Client.LoginOkAsync(name)).Str("access_token");

        await (await Client.PostAsync("/admin/tokens", new { sub = "x" }, member)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await Client.PostAsync("/admin/tokens", new { sub = "x" })).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
    }

    [Fact]
    public async Task AdminTokens_SignTheScope_KnownAndCustomAlike_AndAnswerIt()
    {
        var response = await Client.PostAsync("/admin/tokens", new { scope = "introspect revocations:read billing/x!#[]~" }, await Client.AdminTokenAsync());
        var json = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("introspect revocations:read billing/x!#[]~", json.Str("scope"));
        Assert.Equal("introspect revocations:read billing/x!#[]~", RawJwt.Claim(json.Str("token"), "scope"));
        var unscoped = await (await Client.PostAsync("/admin/tokens", new { sub = "svc" }, await Client.AdminTokenAsync())).JsonAsync();
        Assert.False(unscoped.TryGetProperty("scope", out _));
    }

    [Theory]
    [InlineData("{\"scope\": \"\"}")]
    [InlineData("{\"scope\": \"a  b\"}")]
    [InlineData("{\"scope\": \" a\"}")]
    [InlineData("{\"scope\": \"a \"}")]
    [InlineData("{\"scope\": \"caf\u00e9\"}")]
    [InlineData("{\"scope\": \"a\\\"b\"}")]
    [InlineData("{\"scope\": \"a\\\\b\"}")]
    [InlineData("{\"scope\": \"a\\tb\"}")]
    [InlineData("{\"scope\": 7}")]
    [InlineData("{\"scope\": \"a\", \"claims\": {\"scope\": \"a\"}}")]
    [InlineData("{\"claims\": {\"scope\": [\"a\"]}}")]
    [InlineData("{\"claims\": {\"scope\": \"a,b\u0001\"}}")]
    public async Task AdminTokens_RefuseScopesThatAreNotSpaceSeparatedScopeTokens(string body)
    {
        var response = await Client.SendAsync(HttpMethod.Post, "/admin/tokens", bearer: await Client.AdminTokenAsync(),
            content: new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task AdminTokens_TakeAScopeAtTheLongestLength_AndRefuseOneCharacterMore()
    {
        var admin = await Client.AdminTokenAsync();

        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/admin/tokens", new { scope = new string('s', 1024) }, admin)).StatusCode);
        await (await Client.PostAsync("/admin/tokens", new { scope = new string('s', 1025) }, admin)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }
}
