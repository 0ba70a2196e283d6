using System.Net;
using Microsoft.Extensions.Time.Testing;
using SessionService.AspNetCore;

namespace SessionService.Tests.ResourceServer;

/// <summary>
/// <c>FailClosedAfter</c> on a fake clock: while the revocation stream is down the sample API keeps
/// accepting tokens for exactly that long, then refuses every token until the follower has caught up again.
/// Tokens and keys come from the in-memory service; the feed is a fake one the test can take down.
/// </summary>
public sealed class FailClosedTests(InMemoryServiceFixture fixture) : IClassFixture<InMemoryServiceFixture>, IAsyncLifetime
{
    private static readonly TimeSpan FailClosedAfter = TimeSpan.FromSeconds(30);
    private static readonly ReconnectBackoff Backoff = new() { Initial = TimeSpan.FromSeconds(1), Maximum = TimeSpan.FromSeconds(4) };

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly FakeRevocationFeed _feed = new();
    private SampleResourceServer _api = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _api = await StartApiAsync();
        await _api.WaitUntilLiveAsync();
        var service = fixture.Service;
        _token = (await service.LoginAsync(await service.CreateUserAsync())).AccessToken;
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task StreamDown_ExactlyFailClosedAfter_StillAccepted_OneMillisecondLonger_Refused()
    {
        Assert.Equal(HttpStatusCode.OK, (await _api.GetOrdersAsync(_token)).StatusCode);

        _feed.TakeDown();
        await _api.WaitUntilDownAsync();
        _clock.Advance(FailClosedAfter);
        var atLimit = await _api.GetOrdersAsync(_token);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var pastLimit = await _api.GetOrdersAsync(_token);

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, pastLimit.StatusCode);
        Assert.True(_api.Feed.RefusesAllTokens);
    }

    [Fact]
    public async Task AfterFailingClosed_TokensAreAcceptedAgain_OnceTheFollowerHasCaughtUp()
    {
        _feed.TakeDown();
        await _api.WaitUntilDownAsync();
        _clock.Advance(FailClosedAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.GetOrdersAsync(_token)).StatusCode);

        _feed.Restore();
        await AdvanceUntilLiveAsync();

        Assert.Equal(HttpStatusCode.OK, (await _api.GetOrdersAsync(_token)).StatusCode);
        Assert.False(_api.Feed.RefusesAllTokens);
    }

    [Fact]
    public async Task BeforeTheFirstCatchUp_EveryTokenIsRefused()
    {
        _feed.TakeDown();
        await using var fresh = await StartApiAsync();

        var response = await fresh.GetOrdersAsync(_token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(fresh.Feed.RefusesAllTokens);
    }

    [Fact]
    public async Task AStreamThatGoesSilentPastTheIdleTimeout_CountsAsDown()
    {
        // The connection stays open but delivers nothing, not even heartbeats. The follower may not have
        // issued its first read yet (its timeout starts there), so the clock moves on until it gives up.
        var idleTimeout = new SessionTokensOptions().StreamIdleTimeout;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (_api.Feed.IsLive)
        {
            Assert.True(DateTime.UtcNow < deadline, "a silent stream still counts as live");
            _clock.Advance(idleTimeout);
            await Task.Delay(10);
        }

        Assert.NotNull(_api.Feed.DownSince);
        Assert.Equal(HttpStatusCode.OK, (await _api.GetOrdersAsync(_token)).StatusCode);
    }

    private Task<SampleResourceServer> StartApiAsync() => SampleResourceServer.StartAsync(o =>
    {
        o.Authority = fixture.Service.Authority;
        o.Audience = fixture.Service.Options.Audience;
        o.ServiceToken = "fake-feed-token";
        o.BackchannelHttpHandler = new FeedRouting(_feed, fixture.Service.CreateHandler());
        o.FailClosedAfter = FailClosedAfter;
        o.Backoff = Backoff;
    }, _clock);

    /// <summary>Fires the follower's pending backoff delay on the fake clock until it has reconnected.</summary>
    private async Task AdvanceUntilLiveAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!_api.Feed.IsLive)
        {
            Assert.True(DateTime.UtcNow < deadline, "the follower did not reconnect");
            _clock.Advance(Backoff.Maximum);
            await Task.Delay(10);
        }
    }
}
