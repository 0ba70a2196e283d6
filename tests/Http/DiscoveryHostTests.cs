using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>Discovery URLs come from configuration, never from whatever Host header a caller sends.</summary>
public sealed class DiscoveryHostTests : IDisposable
{
    private readonly TempDirectory _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task Discovery_UsesPublicBaseUrl_WhateverTheHost()
    {
        var json = await DiscoveryAsync(new() { ["Api:PublicBaseUrl"] = "https://auth.example/base/" }, "evil.example");

        Assert.Equal("https://auth.example/base/.well-known/jwks.json", json.Str("jwks_uri"));
        Assert.Equal("https://auth.example/base/oauth/token", json.Str("token_endpoint"));
        Assert.DoesNotContain("evil.example", json.GetRawText());
    }

    [Fact]
    public async Task Discovery_UsesAnIssuerThatIsAUrl_WhenNoPublicBaseUrlIsSet()
    {
        var json = await DiscoveryAsync(new() { ["Auth:Issuer"] = "https://issuer.example" }, "evil.example");

        Assert.Equal("https://issuer.example/.well-known/jwks.json", json.Str("jwks_uri"));
        Assert.DoesNotContain("evil.example", json.GetRawText());
    }

    [Fact]
    public async Task Discovery_NeverReflectsTheHost_WhenNothingIsConfigured()
    {
        var json = await DiscoveryAsync([], "evil.example");

        Assert.Equal("/.well-known/jwks.json", json.Str("jwks_uri"));
        Assert.Equal("/oauth/token", json.Str("token_endpoint"));
        Assert.DoesNotContain("evil.example", json.GetRawText());
    }

    [Fact]
    public async Task Discovery_UsesTheRequestHost_OnlyWhenAllowedHostsNamesIt()
    {
        var settings = new Dictionary<string, string?> { ["AllowedHosts"] = "api.example" };

        var json = await DiscoveryAsync(settings, "api.example");
        await using var factory = new ApiFactory(_storage.Path, settings);
        var foreign = await GetWithHostAsync(factory.CreateClient(), "evil.example");

        Assert.Equal("http://api.example/.well-known/jwks.json", json.Str("jwks_uri"));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.DoesNotContain("evil.example", await foreign.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("auth.example")]
    [InlineData("ftp://auth.example")]
    [InlineData("https://auth.example/?x=1")]
    [InlineData("https://auth.example/#top")]
    public void StartUp_Fails_NamingTheKey_ForAPublicBaseUrlThatIsNotOne(string value)
    {
        using var factory = new ApiFactory(_storage.Path, new Dictionary<string, string?> { ["Api:PublicBaseUrl"] = value });

        Assert.Contains("Api:PublicBaseUrl", Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString());
    }

    private async Task<System.Text.Json.JsonElement> DiscoveryAsync(Dictionary<string, string?> settings, string host)
    {
        await using var factory = new ApiFactory(_storage.Path, settings);
        var response = await GetWithHostAsync(factory.CreateClient(), host);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static Task<HttpResponseMessage> GetWithHostAsync(HttpClient client, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = host;
        return client.SendAsync(request);
    }
}
