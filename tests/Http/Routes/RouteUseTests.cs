using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Routes;

[Collection(ApiCollection.Name)]
public sealed class RouteUseTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Verify_SingleUse_OpensOnce_Then410()
    {
        var (bearer, _, _) = await Client.UserTokenAsync();
        var route = await Client.IssueOkAsync(bearer, new { path = "/files/report.pdf", max_uses = 1 });

        var first = await Client.VerifyAsync(route.Str("url"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(route.Str("id"), first.Header("X-Route-Token-Id"));
        Assert.Null(first.Header("X-User-Id"));
        Assert.Null(first.Header("X-Username"));
        Assert.Empty(await first.Content.ReadAsByteArrayAsync());

        await (await Client.VerifyAsync(route.Str("url"))).AssertProblemAsync(HttpStatusCode.Gone, "route_token_used_up");
        await (await Client.ClaimAsync(route.Str("token"))).AssertProblemAsync(HttpStatusCode.Gone, "route_token_used_up");
    }

    [Fact]
    public async Task Verify_ActAsMe_SetsTheIssuersHeaders()
    {
        var (bearer, name, id) = await Client.UserTokenAsync();
        var route = await Client.IssueOkAsync(bearer, new { path = "/files/a", method = "POST", act_as_me = true });

        var response = await Client.VerifyAsync(route.Str("url"), "POST");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, response.Header("X-User-Id"));
        Assert.Equal(name, response.Header("X-Username"));
        Assert.Equal(route.Str("id"), response.Header("X-Route-Token-Id"));
    }

    [Theory]
    [InlineData("GET", "/files/b?v=1&jwt={0}")]
    [InlineData("POST", "/files/a?v=1&jwt={0}")]
    [InlineData("GET", "/files/a/?v=1&jwt={0}")]
    [InlineData("GET", "/Files/a?v=1&jwt={0}")]
    [InlineData("GET", "/files/x/../a?v=1&jwt={0}")]
    [InlineData("GET", "/files/x/%2e%2e/a?v=1&jwt={0}")]
    [InlineData("GET", "/files//a?v=1&jwt={0}")]
    [InlineData("GET", "/files/a;jsessionid=1?v=1&jwt={0}")]
    [InlineData("GET", "/files/%61?v=1&jwt={0}")]
    [InlineData("GET", "/files/a?v=2&jwt={0}")]
    [InlineData("GET", "/files/a?jwt={0}")]
    [InlineData("GET", "/files/a?v=1&v=1&jwt={0}")]
    public async Task Verify_Answers403_ForAnotherRequest_AndCountsNoUse(string method, string uri)
    {
        var (bearer, _, _) = await Client.UserTokenAsync();
        var route = await Client.IssueOkAsync(bearer, new { path = "/files/a", query = new { v = "1" }, max_uses = 1 });

        await (await Client.VerifyAsync(string.Format(uri, route.Str("token")), method)).AssertProblemAsync(HttpStatusCode.Forbidden, "route_mismatch");

        Assert.Equal(HttpStatusCode.OK, (await Client.VerifyAsync($"/files/a?extra=1&v=1&jwt={route.Str("token")}")).StatusCode);
    }

    [Theory]
    [InlineData("/files/a")]
    [InlineData("/files/a?jwt=")]
    [InlineData("/files/a?jwt=not-a-token")]
    [InlineData("/files/a?jwt=eyJhbGciOiJub25lIiwidHlwIjoicm91dGUrand0In0.eyJqdGkiOiJ4In0.")]
    public async Task Verify_Answers401_ForMissingOrMalformedTokens(string uri) =>
        await (await Client.VerifyAsync(uri)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_route_token");

    [Fact]
    public async Task Verify_Answers401_WithoutAnOriginalUri() =>
        await (await Client.GetAsync("/routes/verify", bearer: null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_route_token");

    [Fact]
    public async Task Verify_Answers401_ForATamperedToken()
    {
        var (bearer, _, _) = await Client.UserTokenAsync();
        var token = (await Client.IssueOkAsync(bearer, new { path = "/files/a" })).Str("token");
        var parts = token.Split('.');
        var claims = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1])).Replace("/files/a", "/files/b");
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(claims)}.{parts[2]}";

        await (await Client.VerifyAsync("/files/b?jwt=" + forged)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_route_token");
    }

    [Fact]
    public async Task Claim_Answers200_WithTheContractBody_AndCountsAUse()
    {
        var (bearer, name, id) = await Client.UserTokenAsync();
        var route = await Client.IssueOkAsync(bearer, new { path = "/files/a", query = new { v = "1" }, act_as_me = true, max_uses = 2 });

        var response = await Client.ClaimAsync(route.Str("token"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(route.Str("id"), body.Str("id"));
        Assert.Equal("GET", body.Str("method"));
        Assert.Equal("/files/a", body.Str("path"));
        Assert.Equal("1", body.GetProperty("query").Str("v"));
        Assert.Equal(id, body.GetProperty("user").Str("id"));
        Assert.Equal(name, body.GetProperty("user").Str("username"));
        Assert.Equal(1, body.GetProperty("uses").GetInt32());
        Assert.Equal(2, body.GetProperty("max_uses").GetInt32());
        Assert.Equal(route.Str("expires_at"), body.Str("expires_at"));
        Assert.Equal(HttpStatusCode.OK, (await Client.VerifyAsync(route.Str("url"))).StatusCode);
        await (await Client.ClaimAsync(route.Str("token"))).AssertProblemAsync(HttpStatusCode.Gone, "route_token_used_up");
    }

    [Fact]
    public async Task Claim_UserIsNull_WithoutActAsMe()
    {
        var (bearer, _, _) = await Client.UserTokenAsync();
        var route = await Client.IssueOkAsync(bearer, new { path = "/files/a" });

        var body = await (await Client.ClaimAsync(route.Str("token"))).JsonAsync();

        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("user").ValueKind);
    }

    [Fact]
    public async Task Claim_Answers401_ForTwoDifferentTokens()
    {
        var (bearer, _, _) = await Client.UserTokenAsync();
        var a = (await Client.IssueOkAsync(bearer, new { path = "/files/a" })).Str("token");
        var b = (await Client.IssueOkAsync(bearer, new { path = "/files/a" })).Str("token");

        await (await Client.GetAsync($"/routes/claim?jwt={a}&jwt={b}", bearer: null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_route_token");
    }

    [Fact]
    public async Task Claim_GrantsExactlyMaxUses_Of40ConcurrentClaims()
    {
        var (bearer, _, _) = await Client.UserTokenAsync();
        var token = (await Client.IssueOkAsync(bearer, new { path = "/files/a", max_uses = 5 })).Str("token");

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => Client.ClaimAsync(token))));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(35, responses.Count(r => r.StatusCode == HttpStatusCode.Gone));
    }
}
