using Microsoft.Data.Sqlite;
using SessionService.Silo.Telemetry;
using SQLitePCL;

namespace SessionService.Silo.Storage;

/// <summary>
/// Group commit of whole statements: changes from any number of grains queue here, and one thread of its own
/// takes everything queued, runs it in one transaction and commits it with one sync of the log, then answers
/// every change of the batch. No change is answered before its batch is durable. A stale writer fails alone
/// (its statement changes nothing); a statement SQLite refuses on its own fails alone too; a failure of the
/// file (read-only, full, I/O) fails the whole batch, and the next batch opens a fresh connection.
/// The thread is its own, not the pool's: a commit blocks for the length of an fsync, and on a two-core
/// machine the thread pool starts with two threads, so blocking one of them would starve the requests.
/// </summary>
internal sealed class StateWriter : IDisposable
{
    private readonly string _databasePath;
    private readonly object _gate = new();
    private readonly Thread _thread;
    private List<StateChange> _queued = [];
    private List<StateChange> _spare = [];
    private WriterConnection? _connection;
    private bool _disposed;

    public StateWriter(string databasePath)
    {
        _databasePath = databasePath;
        _thread = new Thread(WriteWhileQueued) { IsBackground = true, Name = "Grain state writer" };
        _thread.Start();
    }

    /// <summary>Changes queued that the writer has not taken into a batch yet.</summary>
    internal int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count;
            }
        }
    }

    /// <summary>Queues a change; its <see cref="StateChange.Outcome"/> completes once its batch is durable (or failed).</summary>
    public void Enqueue(StateChange change)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _queued.Add(change);
            if (_queued.Count == 1)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Writes what is queued already, then stops the thread and closes the connection.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Monitor.Pulse(_gate);
        }

        _thread.Join();
    }

    private void WriteWhileQueued()
    {
        while (TakeBatch() is { } batch)
        {
            Write(batch);
            batch.Clear();
            _spare = batch;
        }

        _connection?.Dispose();
    }

    private List<StateChange>? TakeBatch()
    {
        lock (_gate)
        {
            while (_queued.Count == 0 && !_disposed)
            {
                Monitor.Wait(_gate);
            }

            if (_queued.Count == 0)
            {
                return null;
            }

            var batch = _queued;
            _queued = _spare;
            return batch;
        }
    }

    private void Write(List<StateChange> batch)
    {
        StorageMetrics.RecordBatch(batch.Count);
        var outcomes = new long?[batch.Count];
        var failures = new Exception?[batch.Count];
        try
        {
            _connection ??= new WriterConnection(_databasePath);
            _connection.Begin();
            for (var i = 0; i < batch.Count; i++)
            {
                try
                {
                    outcomes[i] = _connection.Apply(batch[i]);
                }
                catch (SqliteException e) when (FailsOnlyItsStatement(e, _connection))
                {
                    failures[i] = e;
                }
            }

            _connection.Commit();
        }
        catch (Exception e)
        {
            Abandon();
            foreach (var change in batch)
            {
                change.Fail(e);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                batch[i].Fail(failure);
            }
            else
            {
                batch[i].Succeed(outcomes[i]);
            }
        }
    }

    /// <summary>
    /// A refused statement (a constraint, a value too big) leaves the transaction and the rest of the batch
    /// intact; any trouble with the file, the lock or memory does not, and SQLite may have rolled back already.
    /// </summary>
    private static bool FailsOnlyItsStatement(SqliteException error, WriterConnection connection) =>
        error.SqliteErrorCode is raw.SQLITE_CONSTRAINT or raw.SQLITE_TOOBIG or raw.SQLITE_MISMATCH or raw.SQLITE_RANGE
        && connection.InTransaction;

    /// <summary>Drops the connection after a failed batch: the next batch starts on a fresh one (a file read-only at open stays read-only to it).</summary>
    private void Abandon()
    {
        try
        {
            _connection?.RollBackIfOpen();
        }
        catch (Exception)
        {
            // The connection is dropped below either way; an uncommitted transaction dies with it.
        }

        _connection?.Dispose();
        _connection = null;
    }
}
