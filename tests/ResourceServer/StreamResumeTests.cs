using System.Diagnostics;
using System.Net;
using SessionService.AspNetCore;
using SessionService.Tests.Support;

namespace SessionService.Tests.ResourceServer;

/// <summary>
/// The follower resumes where it stopped: an entry added while the stream was down is applied after the
/// reconnection (snapshot after the last applied entry, then the stream with <c>Last-Event-ID</c>).
/// Against a fake feed, on the real clock with short backoff.
/// </summary>
public sealed class StreamResumeTests(InMemoryServiceFixture fixture) : IClassFixture<InMemoryServiceFixture>, IAsyncLifetime
{
    private readonly FakeRevocationFeed _feed = new();
    private SampleResourceServer _api = null!;

    public async Task InitializeAsync()
    {
        _api = await SampleResourceServer.StartAsync(o =>
        {
            o.Authority = fixture.Service.Authority;
            o.Audience = fixture.Service.Options.Audience;
            o.ServiceToken = "fake-feed-token";
            o.BackchannelHttpHandler = new FeedRouting(_feed, fixture.Service.CreateHandler());
            o.Backoff = new ReconnectBackoff { Initial = TimeSpan.FromMilliseconds(50), Maximum = TimeSpan.FromMilliseconds(200) };
        });
        await _api.WaitUntilLiveAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task ASessionRevokedWhileTheStreamWasDown_IsRefusedWithinOneSecondOfItsReturn()
    {
        var service = fixture.Service;
        var user = await service.CreateUserAsync();
        var before = (await service.LoginAsync(user, "before")).AccessToken;
        var during = (await service.LoginAsync(user, "during")).AccessToken;
        _feed.Revoke(RevocationEntry.SessionKind, RawJwt.ClaimOf(before, "sid"));
        await Eventually.StatusAsync(() => _api.GetOrdersAsync(before), HttpStatusCode.Unauthorized);
        var positionBeforeOutage = _api.Feed.Position;

        _feed.TakeDown();
        await _api.WaitUntilDownAsync();
        _feed.Revoke(RevocationEntry.SessionKind, RawJwt.ClaimOf(during, "sid"));
        Assert.Equal(HttpStatusCode.OK, (await _api.GetOrdersAsync(during)).StatusCode);
        var watch = Stopwatch.StartNew();
        _feed.Restore();
        await Eventually.StatusAsync(() => _api.GetOrdersAsync(during), HttpStatusCode.Unauthorized);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Equal(positionBeforeOutage.ToString(), _feed.SnapshotRequests[^1]);
        Assert.Equal(_feed.Cursor.ToString(), _feed.StreamRequests[^1]);
    }
}
