using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SessionService.Grains.Contracts;
using SessionService.Tests.Support;
using static SessionService.Tests.Support.GrainUsers;

namespace SessionService.Tests.Grains;

/// <summary>Two silos over one SQLite store: concurrency across silos, and a silo killed outright.</summary>
public sealed class TwoSiloClusterTests : IDisposable
{
    private readonly TempDirectory _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task Refresh_AllGetOneSuccessor_When50ParallelRefreshesGoThroughBothSilos()
    {
        await using var cluster = await StartAsync(new Dictionary<string, string?> { ["Auth:RefreshReuseGrace"] = "00:00:30" });
        var user = await CreateAsync(cluster.Client);
        var token = (await LoginOkAsync(user, "shared")).RefreshToken;

        var results = await RefreshInParallelAsync(cluster, user.GetPrimaryKeyString(), token, 50);

        Assert.All(results, r => Assert.Equal(RefreshOutcome.Success, r.Outcome));
        var successor = Assert.Single(results.Select(r => r.Session!.RefreshToken).Distinct());
        Assert.Single(await SessionsAsync(user));
        Assert.Equal(RefreshOutcome.Success, (await user.RefreshAsync(successor, Client))?.Outcome);
    }

    [Fact]
    public async Task Refresh_ExactlyOneSucceedsAndSessionIsRevoked_WhenGraceIsZero()
    {
        await using var cluster = await StartAsync(new Dictionary<string, string?> { ["Auth:RefreshReuseGrace"] = "00:00:00" });
        var user = await CreateAsync(cluster.Client);
        var token = (await LoginOkAsync(user, "shared")).RefreshToken;

        var results = await RefreshInParallelAsync(cluster, user.GetPrimaryKeyString(), token, 50);

        var winner = Assert.Single(results, r => r.Outcome == RefreshOutcome.Success);
        Assert.Contains(results, r => r.Outcome == RefreshOutcome.Obsolete);
        Assert.All(results, r => Assert.NotEqual(RefreshOutcome.Expired, r.Outcome));
        Assert.Empty(await SessionsAsync(user));
        Assert.Equal(RefreshOutcome.Invalid, (await user.RefreshAsync(winner.Session!.RefreshToken, Client))?.Outcome);
    }

    [Fact]
    public async Task Sessions_SurviveAndRefresh_WhenOneSiloIsKilled()
    {
        await using var cluster = await StartAsync(null);
        var sessions = new List<(string UserId, string Token)>();
        for (var i = 0; i < 20; i++)
        {
            var user = await CreateAsync(cluster.Client);
            var token = await RefreshOkAsync(user, (await LoginOkAsync(user)).RefreshToken);
            sessions.Add((user.GetPrimaryKeyString(), token));
        }

        var victim = cluster.GetActiveSilos().Last();
        await cluster.KillSiloAsync(victim);
        await cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        var survivor = cluster.GetActiveSilos().Single().ServiceProvider.GetRequiredService<IGrainFactory>();
        foreach (var (userId, token) in sessions)
        {
            var result = await RefreshResultAsync(survivor.GetGrain<IUserGrain>(userId), token);
            Assert.Equal(RefreshOutcome.Success, result.Outcome);
        }

        var newcomer = survivor.GetGrain<IUserGrain>(sessions[0].UserId);
        Assert.Equal(LoginOutcome.Success, (await LoginAsync(newcomer, "after-kill")).Outcome);
    }

    [Fact]
    public async Task RevocationNumbers_ContinueFromTheStoredSequence_WhenTheAuthoritysSiloIsKilled()
    {
        await using var cluster = await StartAsync(null);
        var clock = cluster.GetActiveSilos().First().ServiceProvider.GetRequiredKeyedService<TimeProvider>(SessionService.Grains.SessionClock.Key);
        RevocationEntry Entry() => new(RevocationKind.Session, SessionService.Grains.Ids.NewSessionId(), clock.GetUtcNow().AddHours(1));
        var first = Entry();
        await cluster.Client.GetGrain<IRevocationAuthorityGrain>(RevocationAuthority.Id).PublishAsync([first, Entry()]);
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var host = (await management.GetDetailedGrainStatistics()).Single(g => g.GrainId.Type.ToString() == "broadcast").SiloAddress;

        await cluster.KillSiloAsync(cluster.GetActiveSilos().Single(s => s.SiloAddress.Equals(host)));
        await cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        var survivor = cluster.GetActiveSilos().Single().ServiceProvider.GetRequiredService<IGrainFactory>();
        var authority = survivor.GetGrain<IRevocationAuthorityGrain>(RevocationAuthority.Id);
        var after = Entry();
        await authority.PublishAsync([after, first]);

        var live = await authority.GetRevocationsAsync();
        var firstNumber = live.Single(e => e.SubjectId == first.SubjectId).Sequence;
        Assert.Equal([firstNumber, firstNumber + 1, firstNumber + 2], live.Select(e => e.Sequence).Order());
        Assert.Equal(firstNumber + 2, live.Single(e => e.SubjectId == after.SubjectId).Sequence);
    }

    private async Task<InProcessTestCluster> StartAsync(IDictionary<string, string?>? auth)
    {
        var cluster = TestClusters.Build(2, TestClusters.NewClock(), _storage.Path, auth);
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task<RefreshResult[]> RefreshInParallelAsync(InProcessTestCluster cluster, string userId, string token, int count)
    {
        var factories = cluster.GetActiveSilos().Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>()).ToArray();
        Assert.Equal(2, factories.Length);
        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await RefreshResultAsync(factories[i % 2].GetGrain<IUserGrain>(userId), token);
        })).ToArray();
        start.Set();
        return await Task.WhenAll(calls);
    }
}
