using System.Net;
using System.Text;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>
/// A login sets the refresh cookie, so a cross-site form POST could log a victim's browser into the attacker's
/// account. Browsers say where a request comes from (Origin, Sec-Fetch-Site); API clients send neither.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LoginCsrfTests(ApiFixture api, LoginCsrfTests.CorsNode cors) : IClassFixture<LoginCsrfTests.CorsNode>
{
    /// <summary>A node whose CORS list names <c>https://app.example</c>, shared by the tests that need one.</summary>
    public sealed class CorsNode() : SharedNode(new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "https://app.example" });

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData("null", null)]
    [InlineData("http://localhost:8080", null)]
    [InlineData("https://localhost", null)]
    [InlineData(null, "cross-site")]
    [InlineData("http://localhost", "cross-site")]
    public async Task Login_Is403_FromAForeignOriginOrCrossSite(string? origin, string? fetchSite)
    {
        using var client = api.Factory.CreateClient();
        var (name, _) = await client.NewUserAsync();

        var response = await client.SendAsync(FormLogin(name, origin, fetchSite));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "cross_site_request");
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("http://localhost", null)]
    [InlineData("http://localhost", "same-origin")]
    [InlineData(null, "same-origin")]
    [InlineData(null, "none")]
    [InlineData("https://app.example", "same-site")]
    [InlineData("https://app.example", "cross-site-not-a-value")]
    public async Task Login_Succeeds_FromItsOwnOrAConfiguredOrigin_OrWithoutOne(string? origin, string? fetchSite)
    {
        using var client = cors.Node.Factory.CreateClient();
        var (name, _) = await client.NewUserAsync();

        var response = await client.SendAsync(FormLogin(name, origin, fetchSite));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Login_Is403_FromAnOriginThatIsNotConfigured_WhenCorsListsOthers()
    {
        using var client = cors.Node.Factory.CreateClient();
        var (name, _) = await client.NewUserAsync();

        var response = await client.SendAsync(FormLogin(name, "https://app.example.evil.example", null));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "cross_site_request");
    }

    [Fact]
    public async Task Refresh_Is403_CrossSite_SinceItSetsTheCookieToTheTokenInTheBody()
    {
        using var client = api.Factory.CreateClient();
        var (name, _) = await client.NewUserAsync();
        var attackers = (await client.LoginOkAsync(name)).Str("refresh_token");

        var crossSite = await client.SendAsync(FormRefresh(attackers, "https://evil.example"));
        var sameOrigin = await client.SendAsync(FormRefresh(attackers, "http://localhost"));

        await crossSite.AssertProblemAsync(HttpStatusCode.Forbidden, "cross_site_request");
        Assert.Equal(HttpStatusCode.OK, sameOrigin.StatusCode);
    }

    private static HttpRequestMessage FormRefresh(string refreshToken, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/refresh")
        {
            Content = new StringContent($"refresh_token={Uri.EscapeDataString(refreshToken)}", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.TryAddWithoutValidation("Origin", origin);
        return request;
    }

    private static HttpRequestMessage FormLogin(string name, string? origin, string? fetchSite)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token")
        {
            Content = new StringContent($"username={name}&password={ApiCalls.Password}", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        }

        return request;
    }
}
