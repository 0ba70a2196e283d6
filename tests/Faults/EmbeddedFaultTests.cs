using System.Diagnostics;
using SessionService.Tests.Support;

namespace SessionService.Tests.Faults;

/// <summary>
/// Storage faults and a crash of one embedded node (a real process on SQLite) under the refresh,
/// login and logout load; <see cref="FaultOutcome"/> asserts the promises.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class EmbeddedFaultTests(FaultTable table)
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FaultWindow = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan BitePatience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task PromisesKept_WhenStorageIsReadOnlyForAWhile()
    {
        using var disk = LoopFileSystem.Mount();
        using var node = await NodeProcess.StartAsync(disk.Path);
        await using var load = await FaultLoad.StartAsync([node.Address]);
        await load.UntilEachClientRefreshedAsync(2, Warmup);

        disk.MakeImmutable();
        await load.UntilServerErrorAsync("storage read-only", BitePatience);
        await Task.Delay(FaultWindow); // the fault stays on this long under load
        disk.MakeMutable();

        await FaultOutcome.AssertPromisesKeptAsync("storage read-only, then writable", load, table);
    }

    [Fact]
    public async Task PromisesKept_WhenTheDiskIsFullForAWhile()
    {
        using var disk = LoopFileSystem.Mount();
        using var node = await NodeProcess.StartAsync(disk.Path);
        await using var load = await FaultLoad.StartAsync([node.Address]);
        await load.UntilEachClientRefreshedAsync(2, Warmup);

        disk.Fill();
        await load.UntilServerErrorAsync("disk full", BitePatience);
        await Task.Delay(FaultWindow);
        disk.FreeSpace();

        await FaultOutcome.AssertPromisesKeptAsync("disk full, then space back", load, table);
    }

    [Fact]
    public async Task PromisesKept_WhenTheNodeIsKilledDuringGroupCommit()
    {
        using var storage = new TempDirectory();
        var node = await NodeProcess.StartAsync(storage.Path);
        await using var load = await FaultLoad.StartAsync([node.Address]);
        try
        {
            // Several refreshes per client: the kill lands while writes are queued for a group commit.
            await load.UntilEachClientRefreshedAsync(4, Warmup);
            node.Kill();
        }
        finally
        {
            node.Dispose();
        }

        using var restarted = await NodeProcess.StartAsync(storage.Path);
        var sinceReady = Stopwatch.StartNew();
        load.UseNodes([restarted.Address]);

        await FaultOutcome.AssertPromisesKeptAsync("kill -9 during group commit, restart", load, table, sinceReady);
    }
}
