using Microsoft.Data.Sqlite;
using Orleans.Storage;
using static SessionService.Tests.Storage.TextStates;

namespace SessionService.Tests.Storage;

/// <summary>
/// Many grains writing at once: every acknowledged write durable, a batch of changes committed together,
/// and one change that fails failing no other change of its batch.
/// </summary>
public sealed class SqliteStateBatchTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly StateStorageFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task ConcurrentWritersOfManyGrains_AreAllAcknowledged_AndAllReadableAfterReopening()
    {
        var grains = Enumerable.Range(0, 300).Select(i => GrainId.Create("user", $"grain-{i}")).ToArray();

        await Task.WhenAll(grains.Select(grain => Task.Run(async () =>
        {
            var state = Text();
            for (var write = 1; write <= 3; write++)
            {
                state.State = [$"{grain} write {write}"];
                await _file.Storage.WriteStateAsync("user", grain, state);
            }
        }))).WaitAsync(Patience);

        _file.Reopen();
        foreach (var grain in grains)
        {
            var state = Text();
            await _file.Storage.ReadStateAsync("user", grain, state);
            Assert.Equal($"{grain} write 3", TextOf(state));
            Assert.Equal("3", state.ETag);
        }
    }

    [Fact]
    public async Task ChangesQueuedTogether_CommitAsOneBatch_AndAGrainWrittenTwiceInItBehavesAsTwoWritesInTurn()
    {
        var twice = GrainId.Create("user", "twice");
        var other = GrainId.Create("user", "other");
        var batch = await QueueOneBatchAsync(storage => new[]
        {
            storage.WriteStateAsync("user", twice, Text("first")),
            storage.WriteStateAsync("user", twice, Text("second", "1")),
            storage.WriteStateAsync("user", twice, Text("no etag, too late")),
            storage.WriteStateAsync("user", twice, Text("stale", "1")),
            storage.WriteStateAsync("user", other, Text("other")),
        });

        await batch[0];
        await batch[1];
        await Assert.ThrowsAsync<InconsistentStateException>(() => batch[2]);
        await Assert.ThrowsAsync<InconsistentStateException>(() => batch[3]);
        await batch[4];
        _file.Reopen();
        Assert.Equal(("second", "2"), await ReadAsync(twice));
        Assert.Equal(("other", "1"), await ReadAsync(other));
    }

    [Fact]
    public async Task AStatementSQLiteRefuses_FailsOnlyItsGrain_AndTheRestOfItsBatchCommits()
    {
        _file.Execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON grain_state WHEN NEW.grain_id = 'user/poison' BEGIN SELECT RAISE(ABORT, 'refused'); END;");
        var grains = new[] { "before", "poison", "after" }.Select(key => GrainId.Create("user", key)).ToArray();

        var batch = await QueueOneBatchAsync(storage => grains.Select(g => storage.WriteStateAsync("user", g, Text(g.ToString()))).ToArray());

        await batch[0];
        var refused = await Assert.ThrowsAsync<SqliteException>(() => batch[1]);
        Assert.Equal(19, refused.SqliteErrorCode);
        await batch[2];
        _file.Reopen();
        Assert.Equal(("user/before", "1"), await ReadAsync(grains[0]));
        Assert.Equal((null, null), await ReadAsync(grains[1]));
        Assert.Equal(("user/after", "1"), await ReadAsync(grains[2]));
    }

    [Fact]
    public async Task Dispose_AnswersEveryQueuedWrite_WithItsBatchDurable_AndRefusesLaterOnes()
    {
        var grains = Enumerable.Range(0, 3).Select(i => GrainId.Create("user", $"queued-{i}")).ToArray();
        Task[] queued;
        Task occupying;
        Task disposing;
        using (_file.HoldWriteLock())
        {
            occupying = _file.Storage.WriteStateAsync("user", GrainId.Create("user", "occupies-the-writer"), Text("x"));
            await UntilAsync(() => _file.Storage.WaitingChanges == 0);
            queued = [.. grains.Select(grain => _file.Storage.WriteStateAsync("user", grain, Text($"{grain}")))];
            disposing = Task.Run(_file.Storage.Dispose);
            await Task.Delay(200);
            Assert.False(disposing.IsCompleted, "dispose returned while writes were still queued");
        }

        await disposing.WaitAsync(Patience);
        Assert.All([occupying, .. queued], write => Assert.True(write.IsCompletedSuccessfully));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _file.Storage.WriteStateAsync("user", grains[0], Text("too late")));
        _file.Reopen();
        foreach (var grain in grains)
        {
            Assert.Equal(($"{grain}", "1"), await ReadAsync(grain));
        }
    }

    /// <summary>
    /// Holds SQLite's write lock while a first write occupies the writer, queues <paramref name="changes"/>
    /// meanwhile (so the writer takes them all at once next), then lets go and waits for every one of them.
    /// </summary>
    private async Task<Task[]> QueueOneBatchAsync(Func<IGrainStorage, Task[]> changes)
    {
        Task[] queued;
        Task occupying;
        using (var writeLock = _file.HoldWriteLock())
        {
            occupying = _file.Storage.WriteStateAsync("user", GrainId.Create("user", "occupies-the-writer"), Text("x"));
            await UntilAsync(() => _file.Storage.WaitingChanges == 0);
            queued = changes(_file.Storage);
            Assert.Equal(queued.Length, _file.Storage.WaitingChanges);
            Assert.All(queued, change => Assert.False(change.IsCompleted));
        }

        await occupying.WaitAsync(Patience);
        await Task.WhenAll(queued.Select(change => change.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(Patience);
        return queued;
    }

    private async Task<(string? State, string? ETag)> ReadAsync(GrainId grain)
    {
        var state = Text();
        await _file.Storage.ReadStateAsync("user", grain, state);
        return (TextOf(state), state.ETag);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < Patience, "the writer did not take the first write");
            await Task.Yield();
        }
    }
}
