namespace SessionService.Silo;

/// <summary>
/// Group commit: callers whose writes have committed wait here until one sync to disk covers them.
/// While a sync runs, new callers gather for the next one, so a burst of writes costs one or two syncs.
/// </summary>
public sealed class GroupCommit(Action syncToDisk)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _nextSync = NewBatch();
    private int _waiting;
    private bool _syncing;

    /// <summary>Completes after a sync that started after this call; faults if that sync failed.</summary>
    public Task WaitUntilDurableAsync()
    {
        lock (_gate)
        {
            _waiting++;
            var batch = _nextSync.Task;
            if (!_syncing)
            {
                _syncing = true;
                _ = Task.Run(SyncWhileWaited);
            }

            return batch;
        }
    }

    private void SyncWhileWaited()
    {
        while (true)
        {
            TaskCompletionSource batch;
            lock (_gate)
            {
                if (_waiting == 0)
                {
                    _syncing = false;
                    return;
                }

                // Everyone waiting now has committed; the sync below covers them all.
                batch = _nextSync;
                _nextSync = NewBatch();
                _waiting = 0;
            }

            try
            {
                syncToDisk();
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
