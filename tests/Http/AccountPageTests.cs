using System.Net;
using System.Text.RegularExpressions;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>
/// The account page over HTTP: its security headers (CSP without inline script or style, no framing), markup
/// that needs no inline script, and the CSRF protection of the cookie the page signs in with.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class AccountPageTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Theory]
    [InlineData("/account", "text/html")]
    [InlineData("/account/account.js", "text/javascript")]
    [InlineData("/account/account.css", "text/css")]
    public async Task PageAndAssets_AreServedWithAStrictContentSecurityPolicy(string path, string mediaType)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("default-src 'self'", directives);
        Assert.Contains("script-src 'self'", directives);
        Assert.Contains("style-src 'self'", directives);
        Assert.Contains("frame-ancestors 'none'", directives);
        Assert.Contains("form-action 'self'", directives);
        Assert.DoesNotContain("unsafe-", csp);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Page_LoadsOnlyItsOwnScriptAndStyle_WithNothingInline()
    {
        var html = await Client.GetStringAsync("/account");

        var scripts = ScriptWithSource().Matches(html);
        Assert.Equal(["/account/account.js"], scripts.Select(m => m.Groups["src"].Value));
        Assert.Equal(scripts.Count, Regex.Count(html, "<script", RegexOptions.IgnoreCase));
        Assert.All(scripts, m => Assert.Empty(m.Groups["body"].Value.Trim()));
        Assert.Equal(["/account/account.css"], Stylesheet().Matches(html).Select(m => m.Groups["href"].Value));
        Assert.DoesNotMatch("<style", html);
        Assert.DoesNotMatch(InlineHandlerOrStyle(), html);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/account/other.js")]
    [InlineData("/account/account.html")]
    [InlineData("/account/AccountPage.cs")]
    public async Task OnlyThePagesOwnFiles_AreServed(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SignInFromThePagesOwnOrigin_SetsAnHttpOnlyStrictCookieScopedToAuth()
    {
        var (name, _) = await Client.NewUserAsync();

        var response = await Client.SendAsync(BrowserPost("/auth/token", "http://localhost", "same-origin",
            new { username = name, password = ApiCalls.Password }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("refresh_token="));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/auth", attributes);
    }

    /// <summary>A logout answers by deleting the cookie, which a browser obeys even on a cross-site form POST.</summary>
    [Theory]
    [InlineData("/auth/refresh", "https://evil.example", null)]
    [InlineData("/auth/refresh", "http://localhost:5001", null)]
    [InlineData("/auth/refresh", null, "cross-site")]
    [InlineData("/auth/logout", "https://evil.example", null)]
    [InlineData("/auth/logout", "http://localhost:5001", null)]
    [InlineData("/auth/logout", null, "cross-site")]
    public async Task CookieEndpoints_FromAnotherSite_Are403_AndTheCookieStillWorksAtHome(string path, string? origin, string? fetchSite)
    {
        var (name, _) = await Client.NewUserAsync();
        var refreshToken = (await Client.LoginOkAsync(name)).Str("refresh_token");

        var foreign = await Client.SendAsync(WithCookie(BrowserPost(path, origin, fetchSite), refreshToken));
        var home = await Client.SendAsync(WithCookie(BrowserPost("/auth/refresh", "http://localhost", "same-origin"), refreshToken));

        await foreign.AssertProblemAsync(HttpStatusCode.Forbidden, "cross_site_request");
        Assert.False(foreign.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task CookieLogout_FromThePagesOwnOrigin_EndsTheSessionAndDeletesTheCookie()
    {
        var (name, _) = await Client.NewUserAsync();
        var refreshToken = (await Client.LoginOkAsync(name)).Str("refresh_token");

        var logout = await Client.SendAsync(WithCookie(BrowserPost("/auth/logout", "http://localhost", "same-origin"), refreshToken));

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        var deletion = Assert.Single(logout.Headers.GetValues("Set-Cookie"), c => c.StartsWith("refresh_token="));
        Assert.Contains("expires=Thu, 01 Jan 1970", deletion, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.RefreshAsync(refreshToken)).StatusCode);
    }

    private static HttpRequestMessage BrowserPost(string path, string? origin, string? fetchSite, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return request;
    }

    private static HttpRequestMessage WithCookie(HttpRequestMessage request, string refreshToken)
    {
        request.Headers.Add("Cookie", $"refresh_token={refreshToken}");
        return request;
    }

    [GeneratedRegex("""<script\b[^>]*\ssrc="(?<src>[^"]*)"[^>]*>(?<body>.*?)</script>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptWithSource();

    [GeneratedRegex("""<link\b[^>]*rel="stylesheet"[^>]*href="(?<href>[^"]*)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex Stylesheet();

    [GeneratedRegex("""\s(?:on[a-z]+|style)\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandlerOrStyle();
}
