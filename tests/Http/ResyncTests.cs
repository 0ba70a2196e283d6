using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SessionService.Api.Cluster;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>A node that missed pushes converges on the authority's whole list at its next resync.</summary>
public sealed class ResyncTests : IAsyncLifetime
{
    private readonly TempDirectory _storage = new();
    private readonly PushFaults _pushes = new();
    private readonly FakeTimeProvider _resyncClock = new(DateTimeOffset.UtcNow);
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new ApiFactory(_storage.Path).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IOutgoingGrainCallFilter>(_pushes);
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ClusterSync>(sp, (TimeProvider)_resyncClock));
        }));
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _storage.Dispose();
    }

    [Fact]
    public async Task MissedLogout_IsStillAcceptedOneSecondBeforeTheResync_AndRefusedWithinOneSecondOfIt()
    {
        var (name, _) = await _client.NewUserAsync();
        var access = (await _client.LoginOkAsync(name)).Str("access_token");

        _pushes.Dropping = true;
        var login = await _client.LoginOkAsync(name);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.PostAsync("/auth/logout", new { refresh_token = login.Str("refresh_token") })).StatusCode);
        Assert.True(_pushes.Dropped > 0, "the logout's push was not dropped");

        _resyncClock.Advance(ClusterSync.ResyncInterval - TimeSpan.FromSeconds(1));
        await Task.Delay(200);
        Assert.Equal(HttpStatusCode.OK, (await _client.ValidateAsync(login.Str("access_token"))).StatusCode);

        _resyncClock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.ProblemAsync(() => _client.ValidateAsync(login.Str("access_token")), "obsolete_token");
        Assert.Equal(HttpStatusCode.OK, (await _client.ValidateAsync(access)).StatusCode);
    }

    [Fact]
    public async Task MissedEnable_IsLearnedAtTheResync_SoTheUsersNewTokensWork()
    {
        var admin = await _client.AdminTokenAsync();
        var (name, id) = await _client.NewUserAsync();
        var access = (await _client.LoginOkAsync(name)).Str("access_token");
        Assert.Equal(HttpStatusCode.NoContent, (await _client.PostAsync($"/users/{id}/disable", bearer: admin)).StatusCode);
        await Eventually.ProblemAsync(() => _client.ValidateAsync(access), "user_not_found");

        _pushes.Dropping = true;
        Assert.Equal(HttpStatusCode.NoContent, (await _client.PostAsync($"/users/{id}/enable", bearer: admin)).StatusCode);
        // The disable revoked the old sessions; a new one is refused only because this node missed the enable.
        access = (await _client.LoginOkAsync(name)).Str("access_token");
        Assert.Equal("user_not_found", await (await _client.ValidateAsync(access)).CodeAsync());

        _resyncClock.Advance(ClusterSync.ResyncInterval);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while ((await _client.ValidateAsync(access)).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(watch.Elapsed < Eventually.Promise, "the enable was not learned within 1 s of the resync");
            await Task.Delay(20);
        }
    }
}
