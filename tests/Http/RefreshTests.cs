using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class RefreshTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Refresh_RotatesAndRetryInsideGraceGetsSameSuccessor()
    {
        var (name, _) = await Client.NewUserAsync();
        var login = await Client.LoginOkAsync(name, device: "phone");

        var first = await Client.RefreshAsync(login.Str("refresh_token"));
        var retry = await Client.RefreshAsync(login.Str("refresh_token"));
        var firstJson = await first.JsonAsync();
        var retryJson = await retry.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.NotEqual(login.Str("refresh_token"), firstJson.Str("refresh_token"));
        Assert.Equal(firstJson.Str("refresh_token"), retryJson.Str("refresh_token"));
        Assert.Equal("phone", retryJson.Str("device"));
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(retryJson.Str("access_token"))).StatusCode);
    }

    [Fact]
    public async Task Refresh_ReadsTokenFromCookie_WhenBodyHasNone()
    {
        var (name, _) = await Client.NewUserAsync();
        var login = await Client.LoginOkAsync(name);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/refresh");
        request.Headers.Add("Cookie", "refresh_token=" + login.Str("refresh_token"));

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("refresh_token=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refresh_IsObsoleteAndRevokesSession_WhenOldTokenReusedAfterGrace()
    {
        var (name, _) = await Client.NewUserAsync();
        var login = await Client.LoginOkAsync(name, device: "phone");
        var other = await Client.LoginOkAsync(name, device: "laptop");
        var rotated = await (await Client.RefreshAsync(login.Str("refresh_token"))).JsonAsync();

        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        var reuse = await Client.RefreshAsync(login.Str("refresh_token"));

        await reuse.AssertProblemAsync(HttpStatusCode.Unauthorized, "obsolete_refresh_token");
        Assert.Contains("error=\"invalid_token\"", reuse.Headers.WwwAuthenticate.ToString());
        await (await Client.RefreshAsync(rotated.Str("refresh_token"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        await Eventually.ProblemAsync(() => Client.ValidateAsync(rotated.Str("access_token")), "obsolete_token");
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(other.Str("access_token"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.RefreshAsync(other.Str("refresh_token"))).StatusCode);
    }

    [Fact]
    public async Task Refresh_IsExpired_WhenIdleLongerThanRefreshLifetime()
    {
        var (name, _) = await Client.NewUserAsync();
        var login = await Client.LoginOkAsync(name);

        fixture.Factory.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));

        await (await Client.RefreshAsync(login.Str("refresh_token"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "expired_refresh_token");
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Refresh_IsInvalid_WhenTokenIsMalformedOrUnknown(string token)
    {
        var response = await Client.RefreshAsync(token);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.StartsWith("Bearer realm=", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Refresh_IsInvalid_WhenNoTokenAtAll()
    {
        var response = await Client.SendAsync(HttpMethod.Post, "/auth/refresh");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Fact]
    public async Task Refresh_AllConcurrentCallsGetOneSuccessor()
    {
        var (name, _) = await Client.NewUserAsync();
        var token = (await Client.LoginOkAsync(name)).Str("refresh_token");

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Client.RefreshAsync(token))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var successors = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).Str("refresh_token")));
        Assert.Single(successors.Distinct());
    }
}
