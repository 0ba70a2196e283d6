using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>CORS, forwarded headers, HTTPS and security headers.</summary>
public sealed class EdgeSecurityTests : IDisposable
{
    private readonly TempDirectory _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task Cors_IsOffByDefault_AndNosniffIsEverywhere()
    {
        await using var factory = new ApiFactory(_storage.Path);
        var client = factory.CreateClient();

        var preflight = await client.SendAsync(Preflight("https://evil.example"));
        var health = await client.GetAsync("/health/live");
        var error = await client.RefreshAsync("x");

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("nosniff", string.Join(",", health.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("nosniff", string.Join(",", error.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Cors_AllowsListedOriginsOnly_WithCredentials()
    {
        await using var factory = new ApiFactory(_storage.Path, new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "https://app.example" });
        var client = factory.CreateClient();

        var allowed = await client.SendAsync(Preflight("https://app.example"));
        var denied = await client.SendAsync(Preflight("https://evil.example"));

        Assert.Equal("https://app.example", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Credentials")));
        Assert.Contains("authorization", string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant());
        Assert.False(denied.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("Cors:AllowedOrigins:0", "*")]
    [InlineData("Cors:AllowedOrigins:0", "https://app.example/path")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "not-an-ip")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99")]
    public void StartUp_Fails_NamingTheKey_ForUnsafeEdgeSettings(string key, string value)
    {
        using var factory = new ApiFactory(_storage.Path, new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(key, error.ToString());
    }

    [Fact]
    public async Task RateLimit_PartitionsByForwardedClient_OnlyBehindATrustedProxy()
    {
        var limited = new Dictionary<string, string?>
        {
            ["RateLimit:Enabled"] = "true",
            ["RateLimit:PermitLimit"] = "2",
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.1",
        };
        await using (var trusted = new ApiFactory(_storage.Path, limited) { RemoteIp = IPAddress.Parse("10.0.0.1") })
        {
            var client = trusted.CreateClient();
            Assert.Equal(HttpStatusCode.TooManyRequests, (await RefreshThreeTimesFromAsync(client, "203.0.113.1")).StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await RefreshFromAsync(client, "203.0.113.2")).StatusCode);
        }

        limited["ForwardedHeaders:KnownProxies:0"] = "10.0.0.99";
        await using var untrusted = new ApiFactory(_storage.Path, limited) { RemoteIp = IPAddress.Parse("10.0.0.1") };
        var direct = untrusted.CreateClient();
        await RefreshThreeTimesFromAsync(direct, "203.0.113.1");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await RefreshFromAsync(direct, "203.0.113.2")).StatusCode);
    }

    [Fact]
    public async Task RateLimit_CountsIpv6ClientsPerSlash64_AndMappedIpv4AsIpv4()
    {
        var limited = new Dictionary<string, string?>
        {
            ["RateLimit:Enabled"] = "true",
            ["RateLimit:PermitLimit"] = "2",
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.1",
        };
        await using var factory = new ApiFactory(_storage.Path, limited) { RemoteIp = IPAddress.Parse("10.0.0.1") };
        var client = factory.CreateClient();

        await RefreshFromAsync(client, "2001:db8:1:2::1");
        await RefreshFromAsync(client, "2001:db8:1:2::2");
        var sameSlash64 = await RefreshFromAsync(client, "2001:db8:1:2:ffff:ffff:ffff:ffff");
        var nextSlash64 = await RefreshFromAsync(client, "2001:db8:1:3::1");
        await RefreshFromAsync(client, "203.0.113.7");
        await RefreshFromAsync(client, "203.0.113.7");
        var mapped = await RefreshFromAsync(client, "::ffff:203.0.113.7");
        var otherIpv4 = await RefreshFromAsync(client, "203.0.113.8");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameSlash64.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, nextSlash64.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, mapped.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherIpv4.StatusCode);
    }

    [Fact]
    public async Task EnforcedHttps_RedirectsPlainHttp_AndSendsHsts()
    {
        await using var factory = new ApiFactory(_storage.Path, new Dictionary<string, string?> { ["Https:Enforce"] = "true", ["https_port"] = "443" });
        var plain = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
        // HSTS is never sent to localhost; use a real-looking host name.
        var secure = factory.CreateClient(new() { BaseAddress = new Uri("https://api.example") });

        var redirect = await plain.GetAsync("/health/live");
        var hsts = await secure.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal("https", redirect.Headers.Location?.Scheme);
        Assert.Contains("max-age=31536000", string.Join(",", hsts.Headers.GetValues("Strict-Transport-Security")));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/auth/token");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    private static async Task<HttpResponseMessage> RefreshThreeTimesFromAsync(HttpClient client, string forwardedFor)
    {
        await RefreshFromAsync(client, forwardedFor);
        await RefreshFromAsync(client, forwardedFor);
        return await RefreshFromAsync(client, forwardedFor);
    }

    private static Task<HttpResponseMessage> RefreshFromAsync(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/refresh") { Content = new StringContent("{\"refresh_token\":\"x\"}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }
}
