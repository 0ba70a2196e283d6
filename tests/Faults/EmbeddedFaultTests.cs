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
        using var node = new RestartableNode(disk.Path);
        await node.StartAsync();
        await using var load = await FaultLoad.StartAsync([node.Address]);
        await load.UntilEachClientRefreshedAsync(2, Warmup);

        disk.MakeImmutable();
        load.LogOutShortSessionsNow();
        await load.UntilServerErrorAsync("storage read-only", BitePatience);
        await Task.Delay(FaultWindow); // the fault stays on this long under load
        load.RequestStop();
        disk.MakeMutable();

        await FaultOutcome.AssertPromisesKeptAsync("storage read-only, then writable", load, table, restartFromStorage: node.RestartFromStorageAsync);
    }

    [Fact]
    public async Task PromisesKept_WhenTheDiskIsFullForAWhile()
    {
        using var disk = LoopFileSystem.Mount();
        using var node = new RestartableNode(disk.Path);
        await node.StartAsync();
        await using var load = await FaultLoad.StartAsync([node.Address]);
        await load.UntilEachClientRefreshedAsync(2, Warmup);

        // A full disk bites only a write that needs a new block. SQLite appends each commit to its
        // write-ahead log and, once the log reaches 1000 pages, checkpoints it and reuses it from the
        // start without growing it again, so on a node that has run for a while a full disk may go
        // unnoticed. The node here starts on an empty file system and the fault comes after only a few
        // hundred writes, while the log is still growing in its first cycle: every commit then needs
        // new blocks and fails with ENOSPC. UntilServerErrorAsync fails the test if that ever stops
        // being true, rather than letting it pass with a fault that did nothing.
        disk.Fill();
        load.LogOutShortSessionsNow();
        await load.UntilServerErrorAsync("disk full", BitePatience);
        await Task.Delay(FaultWindow);
        load.RequestStop();
        disk.FreeSpace();

        await FaultOutcome.AssertPromisesKeptAsync("disk full, then space back", load, table, restartFromStorage: node.RestartFromStorageAsync);
    }

    [Fact]
    public async Task PromisesKept_WhenTheNodeIsKilledDuringGroupCommit()
    {
        using var storage = new TempDirectory();
        using var node = new RestartableNode(storage.Path);
        await node.StartAsync();
        await using var load = await FaultLoad.StartAsync([node.Address]);

        // Several refreshes per client: the kill lands while writes are queued for a group commit.
        await load.UntilEachClientRefreshedAsync(4, Warmup);
        load.LogOutShortSessionsNow();
        // At least one logout answered before the kill, or the revocation promise would go untested
        // (on a loaded machine the kill could come first); the other clients keep writing meanwhile.
        await load.UntilLoggedOutAsync(1, Warmup);
        load.RequestStop();
        load.UseNodes(await node.RestartFromStorageAsync());
        var sinceReady = Stopwatch.StartNew();

        await FaultOutcome.AssertPromisesKeptAsync("kill -9 during group commit, restart", load, table, sinceReady);
    }
}
