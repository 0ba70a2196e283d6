using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Metrics;

/// <summary>Nodes with <c>Metrics:Enabled=false</c> and with <c>Metrics:RequireAdmin=true</c>.</summary>
public sealed class MetricsSwitchTests : IAsyncLifetime
{
    private OwnNode _disabled = null!;
    private OwnNode _adminOnly = null!;

    public Task InitializeAsync()
    {
        _disabled = new OwnNode(new Dictionary<string, string?> { ["Metrics:Enabled"] = "false" });
        _adminOnly = new OwnNode(new Dictionary<string, string?> { ["Metrics:RequireAdmin"] = "true" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _disabled.DisposeAsync();
        await _adminOnly.DisposeAsync();
    }

    [Fact]
    public async Task Disabled_MetricsIsNotFound_WhileTheNodeServes()
    {
        var client = _disabled.Client;
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(ApiFactory.AdminUser, ApiFactory.AdminPassword)).StatusCode);
        var admin = await client.AdminTokenAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics", admin)).StatusCode);
    }

    [Fact]
    public async Task RequireAdmin_RefusesAnonymousAndUsers_AndServesAnAdmin()
    {
        var client = _adminOnly.Client;
        var (name, _) = await client.NewUserAsync();
        var user = (await client.LoginOkAsync(name)).Str("access_token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/metrics", user)).StatusCode);
        var scrape = await PrometheusText.ScrapeAsync(client, await client.AdminTokenAsync());
        Assert.Contains("session_logins_total", scrape.Names);
    }
}
