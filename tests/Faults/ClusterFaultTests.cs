using System.Diagnostics;
using SessionService.Tests.Support;

namespace SessionService.Tests.Faults;

/// <summary>
/// Faults of a real cluster (PostgreSQL, 2 silos, 2 API nodes as processes) under the refresh, login
/// and logout load spread over both API nodes; <see cref="FaultOutcome"/> asserts the promises.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ClusterFaultTests(FaultTable table)
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FaultWindow = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task PromisesKept_WhenPostgresIsStoppedForAWhile()
    {
        await using var cluster = await LocalCluster.UpAsync();
        await using var load = await FaultLoad.StartAsync([cluster.Api1, cluster.Api2]);
        await load.UntilEachClientRefreshedAsync(2, Warmup);

        await cluster.StopPostgresAsync();
        load.LogOutShortSessionsNow();
        await load.UntilServerErrorAsync("PostgreSQL stopped", TimeSpan.FromSeconds(20));
        await Task.Delay(FaultWindow); // the fault stays on this long under load
        load.RequestStop();
        await cluster.StartPostgresAsync();

        await FaultOutcome.AssertPromisesKeptAsync("PostgreSQL stopped, then started", load, table,
            restartFromStorage: async () =>
            {
                await cluster.RestartFromStorageAsync(); // every process, so no grain state is left but what PostgreSQL holds
                return [cluster.Api1, cluster.Api2];
            });
    }

    [Fact]
    public async Task PromisesKept_WhenTheSiloOfTheRevocationAuthorityIsKilled()
    {
        await using var cluster = await LocalCluster.UpAsync();
        await using var load = await FaultLoad.StartAsync([cluster.Api1, cluster.Api2]);
        await load.UntilEachClientRefreshedAsync(2, Warmup);

        // The silo whose death costs most: the revocation authority's, which every API node subscribes to.
        // The load goes on until the cluster has recovered: no write fails here, so none can be covered up.
        Process.GetProcessById(await AuthorityHost.FindSiloPidAsync(cluster)).Kill();
        load.LogOutShortSessionsNow();
        var sinceKill = Stopwatch.StartNew();

        await FaultOutcome.AssertPromisesKeptAsync("a silo killed (kill -9)", load, table, sinceKill);
    }

    [Fact]
    public async Task PromisesKept_WhenAnApiNodeIsKilled_AndTheRestartedNodeRefusesWhatWasRevokedMeanwhile()
    {
        await using var cluster = await LocalCluster.UpAsync();
        await using var load = await FaultLoad.StartAsync([cluster.Api1, cluster.Api2]);
        await load.UntilEachClientRefreshedAsync(2, Warmup);

        using (var victim = Process.GetProcessById(cluster.Api1Pid))
        {
            victim.Kill();
            await victim.WaitForExitAsync();
        }

        // The load goes on through API node 2, logouts included, while node 1 is down.
        await load.UntilLoggedOutAsync(4, Warmup);

        load.RequestStop();
        await cluster.StartApiAsync(1);
        var sinceReady = Stopwatch.StartNew();

        await FaultOutcome.AssertPromisesKeptAsync("an API node killed, restarted", load, table, sinceReady);
    }
}
