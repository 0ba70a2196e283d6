using System.Diagnostics;
using System.Net;
using SessionService.AspNetCore;
using SessionService.Tests.Support;
using Xunit.Abstractions;

namespace SessionService.Tests.ResourceServer;

/// <summary>
/// The sample API across a restart of the service (a node on SQLite, stopped and started again on the same
/// data): the follower reconnects and resumes from its last entry, so a session logged out while it was
/// away is refused within a second of the service's return, and the other sessions still pass.
/// </summary>
public sealed class ServiceRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Auth:Issuer"] = "https://localhost" };

    private readonly TempDirectory _storage = new();
    private ApiFactory _node = null!;
    private ServiceGate _gate = null!;
    private SampleResourceServer _api = null!;

    public async Task InitializeAsync()
    {
        _node = StartNode();
        _gate = new ServiceGate(() => _node.Server.CreateHandler());
        var feedToken = await ServiceTokenAsync();
        _api = await SampleResourceServer.StartAsync(o =>
        {
            o.Authority = "https://localhost";
            o.Audience = "session-service-api";
            o.ServiceToken = feedToken;
            o.BackchannelHttpHandler = _gate;
            o.Backoff = new ReconnectBackoff { Initial = TimeSpan.FromMilliseconds(50), Maximum = TimeSpan.FromMilliseconds(200) };
        });
        await _api.WaitUntilLiveAsync();
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _node.DisposeAsync();
        _storage.Dispose();
    }

    [Fact]
    public async Task ASessionLoggedOutWhileTheFollowerWasAway_IsRefusedWithinOneSecondOfTheServicesReturn()
    {
        var client = _node.CreateClient();
        var (name, _) = await client.NewUserAsync();
        var stays = (await client.LoginOkAsync(name, device: "stays")).Str("access_token");
        var leaves = (await client.LoginOkAsync(name, device: "leaves")).Str("access_token");
        await client.PostAsync("/auth/logout", null, (await client.LoginOkAsync(name, device: "before")).Str("access_token"));
        await Eventually.StatusAsync(() => _api.GetOrdersAsync(leaves), HttpStatusCode.OK);
        await WaitForPositionAsync(p => p > 0);
        var before = _api.Feed.Position;

        _gate.Cut();
        await _api.WaitUntilDownAsync();
        await _node.DisposeAsync();
        _node = StartNode();
        var restarted = _node.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, (await restarted.PostAsync("/auth/logout", null, leaves)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.GetOrdersAsync(leaves)).StatusCode);

        var watch = Stopwatch.StartNew();
        _gate.Reopen();
        await Eventually.StatusAsync(() => _api.GetOrdersAsync(leaves), HttpStatusCode.Unauthorized);

        output.WriteLine($"refused {watch.Elapsed.TotalMilliseconds:F0} ms after the service came back; feed requests: {string.Join(" | ", _gate.FeedRequests)}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, (await _api.GetOrdersAsync(stays)).StatusCode);
        // It resumed after its last entry rather than reloading everything.
        Assert.Contains($"/revocations?after={before}", _gate.FeedRequests);
        Assert.True(_api.Feed.Position > before);
    }

    private ApiFactory StartNode()
    {
        var node = new ApiFactory(_storage.Path, Settings);
        node.CreateClient().Dispose();
        return node;
    }

    private async Task<string> ServiceTokenAsync()
    {
        var client = _node.CreateClient();
        var issued = await client.PostAsync("/admin/tokens", new { sub = "orders-api", scope = "revocations:read", expires_in = 3600 }, await client.AdminTokenAsync());
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        return (await issued.JsonAsync()).Str("token");
    }

    private async Task WaitForPositionAsync(Func<long, bool> reached)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!(_api.Feed.Position is { } position && reached(position)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the follower never applied an entry");
            await Task.Delay(10);
        }
    }
}
