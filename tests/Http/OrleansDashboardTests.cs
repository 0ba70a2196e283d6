using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>One embedded node with <c>Dashboard:Enabled=true</c>, shared by <see cref="OrleansDashboardTests"/>.</summary>
public sealed class DashboardNode() : SharedNode(new Dictionary<string, string?> { ["Dashboard:Enabled"] = "true" })
{
    /// <summary>A client without a cookie jar: every test sends exactly the cookies it means to.</summary>
    public HttpClient Client { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Client = Node.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
    }
}

/// <summary>The Orleans Dashboard at /dashboard: admins only, by Bearer header or the dashboard cookie.</summary>
public sealed class OrleansDashboardTests(DashboardNode node) : IClassFixture<DashboardNode>
{
    private HttpClient Client => node.Client;

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/DashboardCounters")]
    [InlineData("/dashboard/ClusterStats")]
    public async Task WithoutAToken_TheDashboardIsRefused_401(string path)
    {
        var response = await Client.GetAsync(path, bearer: null);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
        Assert.StartsWith("Bearer realm=", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/DashboardCounters")]
    public async Task ANonAdminsToken_IsRefused_403Forbidden(string path)
    {
        var user = await UserTokenAsync();

        await (await Client.GetAsync(path, user)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task AnAdminsBearerToken_GetsThePage_AndItsDataEndpoints()
    {
        var admin = await Client.AdminTokenAsync();

        var page = await Client.GetAsync("/dashboard/", admin);
        var script = await Client.GetAsync("/dashboard/index.min.js", admin);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("index.min.js", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        // The silo's figures arrive with the dashboard's first collection, one counter interval after it starts.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var counters = await Client.GetAsync("/dashboard/DashboardCounters", admin);
            Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
            var json = await counters.JsonAsync();
            if (json.GetProperty("totalActiveHostCount").GetInt32() >= 1)
            {
                break;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "no silo in the dashboard's counters: " + json);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task AnInvalidToken_IsRefused_401WithItsCode()
    {
        await (await Client.GetAsync("/dashboard/", "a.b.c")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Session_SetsAStrictHttpOnlyCookieScopedToTheDashboard_ThatExpiresWithTheToken()
    {
        var admin = await Client.AdminTokenAsync();

        var response = await Client.PostAsync("/dashboard/session", bearer: admin);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"dashboard_token={admin};", cookie);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        var expires = DateTimeOffset.Parse(cookie.Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("expires=")).Split('=')[1]);
        Assert.Equal(ExpiryOf(admin), expires);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task TheCookieAlone_OpensThePageAndItsData_ForAnAdmin()
    {
        var admin = await Client.AdminTokenAsync();

        var page = await GetWithCookieAsync("/dashboard/", admin);
        var stats = await GetWithCookieAsync("/dashboard/ClusterStats", admin);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.NotEmpty((await stats.JsonAsync()).EnumerateObject());
    }

    [Fact]
    public async Task ACookieWithANonAdminsToken_IsRefused_403()
    {
        await (await GetWithCookieAsync("/dashboard/", await UserTokenAsync())).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Session_IsRefusedWithoutAToken_AndToANonAdmin_AndTakesNoCookieForAToken()
    {
        var admin = await Client.AdminTokenAsync();
        var withCookieOnly = new HttpRequestMessage(HttpMethod.Post, "/dashboard/session");
        withCookieOnly.Headers.Add("Cookie", $"dashboard_token={admin}");

        await (await Client.PostAsync("/dashboard/session")).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
        await (await Client.PostAsync("/dashboard/session", bearer: await UserTokenAsync())).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await Client.SendAsync(withCookieOnly)).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
    }

    [Fact]
    public async Task ACookieWhoseSessionLoggedOut_IsRefusedAtOnce_ObsoleteToken()
    {
        var admin = await Client.AdminTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync("/dashboard/", admin)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync("/auth/logout", bearer: admin)).StatusCode);

        await (await GetWithCookieAsync("/dashboard/", admin)).AssertProblemAsync(HttpStatusCode.Unauthorized, "obsolete_token");
    }

    [Fact]
    public async Task EndingTheSession_ExpiresTheCookie()
    {
        var response = await Client.DeleteAsync("/dashboard/session", bearer: null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("dashboard_token=;", cookie);
        Assert.Contains("expires=Thu, 01 Jan 1970", cookie);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/dashboard/GrainState?grainId=x&grainType=y")]
    [InlineData("/dashboard/Trace")]
    public async Task GrainStateAndTheLogStream_StayClosedEvenToAnAdmin_404(string path)
    {
        await (await Client.GetAsync(path, await Client.AdminTokenAsync())).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task GrainStateAndTheLogStream_StillNeedAnAdmin_401BeforeTheir404()
    {
        await (await Client.GetAsync("/dashboard/GrainState", bearer: null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
    }

    [Fact]
    public async Task TheDashboardsOwnRoutes_AreNotInTheOpenApiDocument_ButItsSessionEndpointIs()
    {
        var paths = (await (await Client.GetAsync("/openapi/v1.json", bearer: null)).JsonAsync()).GetProperty("paths");
        var names = paths.EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/dashboard/session", names);
        Assert.DoesNotContain(names, n => n.StartsWith("/dashboard/") && n != "/dashboard/session");
        var codes = paths.GetProperty("/dashboard/session").GetProperty("post").GetProperty("x-error-codes").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("forbidden", codes);
        Assert.Contains("no_auth_header", codes);
    }

    private async Task<HttpResponseMessage> GetWithCookieAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"dashboard_token={token}");
        return await Client.SendAsync(request);
    }

    private async Task<string> UserTokenAsync()
    {
        var (name, _) = await Client.NewUserAsync();
        return (await Client.LoginOkAsync(name)).Str("access_token");
    }

    private static DateTimeOffset ExpiryOf(string accessToken) =>
        DateTimeOffset.FromUnixTimeSeconds(System.Text.Json.JsonDocument.Parse(
            Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(RawJwt.PayloadOf(accessToken))).RootElement.GetProperty("exp").GetInt64());
}

/// <summary>The default node: no dashboard at all.</summary>
[Collection(ApiCollection.Name)]
public sealed class OrleansDashboardOffTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("GET", "/dashboard/")]
    [InlineData("GET", "/dashboard/DashboardCounters")]
    [InlineData("POST", "/dashboard/session")]
    public async Task ByDefault_TheDashboardIsNotServed_404EvenForAnAdmin(string method, string path)
    {
        var admin = await fixture.Client.AdminTokenAsync();

        var response = await fixture.Client.SendAsync(new HttpMethod(method), path, bearer: admin);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
