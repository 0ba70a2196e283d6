using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SessionService.Api.Cluster;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>A node that missed pushes converges on the authority's whole list at its next resync.</summary>
public sealed class ResyncTests : IAsyncLifetime
{
    private readonly PushFaults _pushes = new();
    private readonly FakeTimeProvider _resyncClock = new(DateTimeOffset.UtcNow);
    private readonly OwnNode _node;

    public ResyncTests() => _node = new OwnNode(services: services =>
    {
        services.AddSingleton<IOutgoingGrainCallFilter>(_pushes);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ClusterSync>(sp, (TimeProvider)_resyncClock));
    });

    private HttpClient Client => _node.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _node.DisposeAsync().AsTask();

    [Fact]
    public async Task MissedLogout_IsStillAcceptedOneSecondBeforeTheResync_AndRefusedWithinOneSecondOfIt()
    {
        var (name, _) = await Client.NewUserAsync();
        var access = (await Client.LoginOkAsync(name)).Str("access_token");

        _pushes.Dropping = true;
        var login = await Client.LoginOkAsync(name);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync("/auth/logout", new { refresh_token = login.Str("refresh_token") })).StatusCode);
        Assert.True(_pushes.Dropped > 0, "the logout's push was not dropped");

        _resyncClock.Advance(ClusterSync.ResyncInterval - TimeSpan.FromSeconds(1));
        await Task.Delay(200);
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(login.Str("access_token"))).StatusCode);

        _resyncClock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.ProblemAsync(() => Client.ValidateAsync(login.Str("access_token")), "obsolete_token");
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(access)).StatusCode);
    }

    [Fact]
    public async Task MissedEnable_IsLearnedAtTheResync_SoTheUsersNewTokensWork()
    {
        var admin = await Client.AdminTokenAsync();
        var (name, id) = await Client.NewUserAsync();
        var access = (await Client.LoginOkAsync(name)).Str("access_token");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync($"/users/{id}/disable", bearer: admin)).StatusCode);
        await Eventually.ProblemAsync(() => Client.ValidateAsync(access), "user_not_found");

        _pushes.Dropping = true;
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync($"/users/{id}/enable", bearer: admin)).StatusCode);
        // The disable revoked the old sessions; a new one is refused only because this node missed the enable.
        access = (await Client.LoginOkAsync(name)).Str("access_token");
        Assert.Equal("user_not_found", await (await Client.ValidateAsync(access)).CodeAsync());

        _resyncClock.Advance(ClusterSync.ResyncInterval);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while ((await Client.ValidateAsync(access)).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(watch.Elapsed < Eventually.Promise, "the enable was not learned within 1 s of the resync");
            await Task.Delay(20);
        }
    }
}
