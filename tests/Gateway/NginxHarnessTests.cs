using System.Net;
using System.Net.Http.Headers;
using SessionService.Tests.Support;

namespace SessionService.Tests.Gateway;

/// <summary>Interim: deploy/nginx.conf with /auth/validate standing in for /gateway/verify.</summary>
public sealed class NginxHarnessTests
{
    [Fact]
    public async Task Harness()
    {
        await using var gateway = await NginxGateway.StartAsync(adjust: site => site.Replace("/gateway/verify", "/auth/validate"));
        var admin = await gateway.Node.AdminTokenAsync();

        using var allowed = new HttpRequestMessage(HttpMethod.Post, "/api/orders?x=1") { Content = new StringContent("hello") };
        allowed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        allowed.Headers.Add("X-Consumer-ID", "forged");
        allowed.Headers.Add("X_Consumer_ID", "forged");
        var response = await gateway.Client.SendAsync(allowed);
        Assert.True(response.StatusCode == HttpStatusCode.OK, gateway.Nginx.Log);
        var got = Assert.Single(gateway.Upstream.Received);
        Assert.Equal("/api/orders?x=1", got.PathAndQuery);
        Assert.Equal("POST", got.Method);
        Assert.Equal("hello", got.Body);
        Assert.Empty(got.Values("X-Consumer-ID"));
        Assert.Empty(got.Values("X_Consumer_ID"));
        Assert.Equal(["Bearer " + admin], got.Values("Authorization"));

        gateway.Upstream.Clear();
        using var refused = new HttpRequestMessage(HttpMethod.Get, "/api/orders");
        refused.Headers.Add("X-Consumer-ID", "forged");
        response = await gateway.Client.SendAsync(refused);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(gateway.Upstream.Received);
        Console.WriteLine(body);
    }
}
