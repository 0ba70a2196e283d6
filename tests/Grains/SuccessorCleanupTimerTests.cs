using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Users;
using SessionService.Tests.Support;
using static SessionService.Tests.Support.GrainUsers;

namespace SessionService.Tests.Grains;

/// <summary>
/// The grace-window timer drops the sealed successor from storage by itself, with no later call to the
/// grain. Grain timers run on real time while the session clock is fake, so this cluster has a grace of
/// one second (the timer's shortest delay): the timer fires after a second of real time and finds the
/// fake clock past the window.
/// </summary>
public sealed class SuccessorCleanupTimerTests : IAsyncLifetime
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);
    private readonly TempDirectory _storage = new();
    private readonly FakeTimeProvider _clock = TestClusters.NewClock();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = TestClusters.Build(1, _clock, _storage.Path, new Dictionary<string, string?> { ["Auth:RefreshReuseGrace"] = Grace.ToString() });
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _storage.Dispose();
    }

    [Fact]
    public async Task GraceWindowTimer_DropsTheSealedSuccessorFromStorage_WhenTheWindowClosesWithNoFurtherCall()
    {
        var user = await CreateAsync(_cluster.Client);
        var current = await RefreshOkAsync(user, (await LoginOkAsync(user, "phone")).RefreshToken);
        Assert.NotNull((await ReadStoredAsync(user)).Sessions.Single().SealedSuccessor);

        _clock.Advance(Grace);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        while ((await ReadStoredAsync(user)).Sessions.Single().SealedSuccessor is not null)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "the grace-window timer did not drop the sealed successor");
            await Task.Delay(50);
        }

        Assert.Equal(RefreshOutcome.Success, (await user.RefreshAsync(current, Client))?.Outcome);
    }

    [Fact]
    public async Task GraceWindowTimer_KeepsTheSealedSuccessor_WhileTheWindowIsOpen()
    {
        var user = await CreateAsync(_cluster.Client);
        var previous = (await LoginOkAsync(user, "phone")).RefreshToken;
        var current = await RefreshOkAsync(user, previous);

        // Real time passes the timer's delay; the session clock stays inside the window.
        await Task.Delay(Grace * 2.5);

        Assert.NotNull((await ReadStoredAsync(user)).Sessions.Single().SealedSuccessor);
        Assert.Equal(current, (await RefreshResultAsync(user, previous)).Session!.RefreshToken);
    }

    private async Task<UserState> ReadStoredAsync(IUserGrain user)
    {
        var storage = _cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions);
        var state = new GrainState<UserState>();
        await storage.ReadStateAsync("user", user.GetGrainId(), state);
        return state.State!;
    }
}
