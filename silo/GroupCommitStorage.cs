using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace SessionService.Silo;

/// <summary>
/// The embedded mode's write path: Orleans' ADO.NET provider does every SQL statement; this decorator
/// lets one write at a time reach the SQLite file and answers a write only once it is on disk.
/// One writer at a time because SQLite has a single writer, and concurrent writers get SQLITE_BUSY,
/// which Microsoft.Data.Sqlite answers by sleeping and retrying. The write queries commit without
/// syncing (<c>PRAGMA synchronous=NORMAL</c>); <see cref="GroupCommit"/> then syncs the log once for
/// every write that committed meanwhile, so N concurrent refreshes cost one fsync, not N.
/// </summary>
public sealed class GroupCommitStorage(IGrainStorage inner, GroupCommit commit) : IGrainStorage, IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        DurablyAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        DurablyAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));

    public void Dispose() => commit.Dispose();

    private async Task DurablyAsync(Func<Task> write)
    {
        await _writer.WaitAsync();
        try
        {
            await write();
        }
        catch (Exception e) when (SqliteGrainStorage.BrokeItsConnection(e))
        {
            // SQLite opens a file it may not write read-only, and the pool keeps that connection: without
            // this, writes would keep failing after the disk is writable again.
            SqliteConnection.ClearAllPools();
            throw;
        }
        finally
        {
            _writer.Release();
        }

        await commit.WaitUntilDurableAsync();
    }
}
