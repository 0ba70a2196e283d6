using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Routes;

[Collection(ApiCollection.Name)]
public sealed class RouteIssueTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Issue_Answers201_WithTheContractFields()
    {
        var (bearer, _, _) = await Client.UserTokenAsync();
        var response = await Client.PostAsync("/routes", new { path = "/files/a b.pdf".Replace(" ", "%20"), query = new { v = "2 x" }, max_uses = 3, expires_in = 600 }, bearer);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        var id = body.Str("id");
        var token = body.Str("token");
        Assert.Equal($"/routes/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"/files/a%20b.pdf?v=2%20x&jwt={token}", body.Str("url"));
        Assert.Equal(3, body.GetProperty("max_uses").GetInt32());
        Assert.Equal(fixture.Factory.Clock.GetUtcNow().AddSeconds(600).ToUnixTimeSeconds(), body.GetProperty("expires_at").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(["expires_at", "id", "max_uses", "token", "url"], body.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("route+jwt", RawJwtHeader(token).GetProperty("typ").GetString());
    }

    [Fact]
    public async Task Issue_DefaultsToGetUnlimitedForADay()
    {
        var (bearer, _, _) = await Client.UserTokenAsync();
        var body = await Client.IssueOkAsync(bearer, new { path = "/files/x" });

        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("max_uses").ValueKind);
        Assert.Equal(fixture.Factory.Clock.GetUtcNow().AddDays(1).ToUnixTimeSeconds(), body.GetProperty("expires_at").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(HttpStatusCode.OK, (await Client.VerifyAsync(body.Str("url"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.VerifyAsync(body.Str("url"), "POST")).StatusCode);
    }

    public static TheoryData<string> BadBodies() =>
    [
        """{}""",
        """{"path":"files/a"}""",
        """{"path":"/files/../admin"}""",
        """{"path":"/files/%2e%2e/admin"}""",
        """{"path":"/files%2Fadmin"}""",
        """{"path":"//files"}""",
        """{"path":"/files/a;x=1"}""",
        """{"path":"/files/%41"}""",
        """{"path":"/files/a?x=1"}""",
        """{"path":"/files/a","method":"get"}""",
        """{"path":"/files/a","method":"FETCH"}""",
        """{"path":"/files/a","expires_in":0}""",
        """{"path":"/files/a","expires_in":99999999999}""",
        """{"path":"/files/a","expires_in":"60"}""",
        """{"path":"/files/a","max_uses":0}""",
        """{"path":"/files/a","act_as_me":"yes"}""",
        """{"path":"/files/a","query":{"jwt":"x"}}""",
        """{"path":"/files/a","query":{"v":2}}""",
        """{"path":"/files/a","query":["v"]}""",
        """{"path":"/files/a","query":{"":"x"}}""",
        """{"path":"/files/a","path":"/files/b"}""",
    ];

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Issue_Answers400_ForBadRequests(string json)
    {
        var (bearer, _, _) = await Client.UserTokenAsync();
        var response = await Client.SendAsync(HttpMethod.Post, "/routes", bearer: bearer,
            content: new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Issue_Answers400_WhenTheTokenWouldBeTooLongToVerify_AndListsNothing()
    {
        var (bearer, _, _) = await Client.UserTokenAsync();
        // Within the body limit as raw UTF-8, but well past the token limit once signed.
        var query = string.Join(',', Enumerable.Range(0, 7).Select(i => $"\"p{i}\":\"{new string('\u00e9', 1000)}\""));
        var body = new StringContent($"{{\"path\":\"/files/a\",\"query\":{{{query}}}}}", System.Text.Encoding.UTF8, "application/json");

        await (await Client.SendAsync(HttpMethod.Post, "/routes", bearer: bearer, content: body)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");

        Assert.Empty((await (await Client.GetAsync("/routes", bearer)).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task RouteEndpoints_Answer401_WithoutAccessToken()
    {
        await (await Client.PostAsync("/routes", new { path = "/a" })).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync("/routes", bearer: null)).StatusCode);
    }

    [Fact]
    public async Task RouteToken_IsNeverAnAccessToken_AndAccessTokenNeverARouteToken()
    {
        var (bearer, _, _) = await Client.UserTokenAsync();
        var route = await Client.IssueOkAsync(bearer, new { path = "/files/a", act_as_me = true });

        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.ValidateAsync(route.Str("token"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync("/routes", route.Str("token"))).StatusCode);
        await (await Client.VerifyAsync("/files/a?jwt=" + bearer)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_route_token");
        await (await Client.ClaimAsync(bearer)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_route_token");
    }

    [Theory]
    [InlineData("/routes", "post")]
    [InlineData("/routes", "get")]
    [InlineData("/routes/{id}", "get")]
    [InlineData("/routes/{id}", "delete")]
    [InlineData("/routes/claim", "get")]
    [InlineData("/routes/verify", "get")]
    public async Task OpenApi_DescribesEveryRouteEndpoint(string path, string method)
    {
        var paths = (await (await Client.GetAsync("/openapi/v1.json", bearer: null)).JsonAsync()).GetProperty("paths");

        Assert.True(paths.GetProperty(path).TryGetProperty(method, out _), $"{method} {path}");
    }

    private static System.Text.Json.JsonElement RawJwtHeader(string token) =>
        System.Text.Json.JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(token.Split('.')[0])).RootElement.Clone();
}
