using Orleans.Runtime;
using Orleans.Storage;
using SessionService.Silo;

namespace SessionService.Tests.Unit;

public sealed class GroupCommitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WaitUntilDurable_CompletesOnlyAfterTheSync_WhenTheSyncIsSlow()
    {
        using var disk = new GatedDisk();
        using var commit = new GroupCommit(disk.Sync);

        var durable = commit.WaitUntilDurableAsync();
        Assert.True(disk.Entered.Wait(Patience));
        Assert.False(durable.IsCompleted);

        disk.Open();
        await durable.WaitAsync(Patience);
        Assert.Equal(1, disk.Syncs);
    }

    [Fact]
    public async Task WaitUntilDurable_CoversEveryWaiterWithOneSync_WhenTheyArriveDuringASync()
    {
        using var disk = new GatedDisk();
        using var commit = new GroupCommit(disk.Sync);
        var first = commit.WaitUntilDurableAsync();
        Assert.True(disk.Entered.Wait(Patience));

        // These writers committed after the running sync started, so it must not answer them.
        var gathered = Enumerable.Range(0, 50).Select(_ => commit.WaitUntilDurableAsync()).ToArray();
        disk.Entered.Reset();
        disk.Open();
        await first.WaitAsync(Patience);
        Assert.True(disk.Entered.Wait(Patience));
        Assert.All(gathered, t => Assert.False(t.IsCompleted));

        disk.Open();
        await Task.WhenAll(gathered).WaitAsync(Patience);
        Assert.Equal(2, disk.Syncs);
    }

    [Fact]
    public async Task WaitUntilDurable_Faults_WhenTheSyncFails_AndTheNextSyncServesLaterWriters()
    {
        var failures = 1;
        using var commit = new GroupCommit(() =>
        {
            if (Interlocked.Decrement(ref failures) >= 0)
            {
                throw new IOException("disk full");
            }
        });

        await Assert.ThrowsAsync<IOException>(() => commit.WaitUntilDurableAsync().WaitAsync(Patience));
        await commit.WaitUntilDurableAsync().WaitAsync(Patience);
    }

    [Fact]
    public async Task Dispose_SyncsForTheWritersAlreadyWaiting_AndRefusesNewOnes()
    {
        using var disk = new GatedDisk();
        var commit = new GroupCommit(disk.Sync);
        var first = commit.WaitUntilDurableAsync();
        Assert.True(disk.Entered.Wait(Patience));
        var second = commit.WaitUntilDurableAsync();

        commit.Dispose();
        disk.OpenForGood();

        await Task.WhenAll(first, second).WaitAsync(Patience);
        Assert.Equal(2, disk.Syncs);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => commit.WaitUntilDurableAsync());
    }

    [Fact]
    public async Task WriteStateAsync_AnswersAfterTheSync_AndLetsOneWriteAtATimeThrough()
    {
        using var disk = new GatedDisk();
        var inner = new CountingStorage();
        using var storage = new GroupCommitStorage(inner, new GroupCommit(disk.Sync));

        var writes = Enumerable.Range(0, 40)
            .Select(i => Task.Run(() => storage.WriteStateAsync("state", GrainId.Create("user", i.ToString()), new GrainState<int>(i))))
            .ToArray();
        Assert.True(disk.Entered.Wait(Patience));
        Assert.All(writes, w => Assert.False(w.IsCompleted));

        disk.OpenForGood();
        await Task.WhenAll(writes).WaitAsync(Patience);
        Assert.Equal(40, inner.Writes);
        Assert.Equal(1, inner.MostAtOnce);
        Assert.InRange(disk.Syncs, 1, 40);
    }

    /// <summary>A disk whose sync blocks until the test opens it.</summary>
    private sealed class GatedDisk : IDisposable
    {
        private readonly SemaphoreSlim _gate = new(0);
        private volatile bool _open;
        private int _syncs;

        public ManualResetEventSlim Entered { get; } = new();

        public int Syncs => Volatile.Read(ref _syncs);

        public void Sync()
        {
            Entered.Set();
            if (!_open)
            {
                _gate.Wait();
            }

            Interlocked.Increment(ref _syncs);
        }

        public void Open() => _gate.Release();

        public void OpenForGood()
        {
            _open = true;
            _gate.Release(100);
        }

        public void Dispose()
        {
            _gate.Dispose();
            Entered.Dispose();
        }
    }

    private sealed class CountingStorage : IGrainStorage
    {
        private int _inside;
        private int _mostAtOnce;
        private int _writes;

        public int MostAtOnce => _mostAtOnce;

        public int Writes => _writes;

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            var inside = Interlocked.Increment(ref _inside);
            InterlockedMax(ref _mostAtOnce, inside);
            await Task.Yield();
            Interlocked.Increment(ref _writes);
            Interlocked.Decrement(ref _inside);
        }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => WriteStateAsync(stateName, grainId, grainState);

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
