using SessionService.Silo.Telemetry;

namespace SessionService.Silo;

/// <summary>
/// Group commit: callers whose writes have committed wait here until one sync to disk covers them.
/// While a sync runs, new callers gather for the next one, so a burst of writes costs one or two syncs.
/// Syncs run on a thread of their own: a sync blocks for about half a millisecond, and on a two-core
/// machine the thread pool has two threads to start with, so blocking one of them starves the requests.
/// </summary>
public sealed class GroupCommit : IDisposable
{
    private readonly Action _syncToDisk;
    private readonly object _gate = new();
    private TaskCompletionSource _nextSync = NewBatch();
    private int _waiting;
    private bool _disposed;

    public GroupCommit(Action syncToDisk)
    {
        _syncToDisk = syncToDisk;
        new Thread(SyncWhileWaited) { IsBackground = true, Name = "Group commit" }.Start();
    }

    /// <summary>Completes after a sync that started after this call; faults if that sync failed.</summary>
    public Task WaitUntilDurableAsync()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_waiting++ == 0)
            {
                Monitor.Pulse(_gate);
            }

            return _nextSync.Task;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.Pulse(_gate);
        }
    }

    private void SyncWhileWaited()
    {
        while (true)
        {
            TaskCompletionSource batch;
            lock (_gate)
            {
                while (_waiting == 0 && !_disposed)
                {
                    Monitor.Wait(_gate);
                }

                if (_waiting == 0)
                {
                    return;
                }

                // Everyone waiting now has committed; the sync below covers them all.
                batch = _nextSync;
                _nextSync = NewBatch();
                StorageMetrics.RecordBatch(_waiting);
                _waiting = 0;
            }

            try
            {
                _syncToDisk();
                batch.SetResult();
            }
            catch (Exception e)
            {
                batch.SetException(e);
            }
        }
    }

    private static TaskCompletionSource NewBatch() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
