using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace SessionService.Silo.Storage;

/// <summary>
/// Reads on connections of their own beside the writer (WAL lets readers run while it writes), each with its
/// read statement prepared once. A connection goes back to the pool after a read and is dropped after a failure.
/// </summary>
internal sealed class StateReaders(string databasePath) : IDisposable
{
    /// <summary>Idle connections kept; more may be open during a burst of reads, and are closed after it.</summary>
    private const int Kept = 4;

    private readonly ConcurrentBag<Reader> _idle = [];
    private volatile bool _disposed;

    /// <summary>The row's version and payload (null for a cleared state), or null when the grain has no row.</summary>
    public (long Version, byte[]? Payload)? Read(string stateName, string grainId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var reader = _idle.TryTake(out var idle) ? idle : new Reader(databasePath);
        try
        {
            var row = reader.Read(stateName, grainId);
            Return(reader);
            return row;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }

    private void Return(Reader reader)
    {
        if (_disposed || _idle.Count >= Kept)
        {
            reader.Dispose();
            return;
        }

        _idle.Add(reader);
        if (_disposed)
        {
            // Disposed between the check and the add: the pool was emptied already, so this one would stay open.
            CloseIdle();
        }
    }

    private void CloseIdle()
    {
        while (_idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _read;
        private readonly SqliteParameter _state;
        private readonly SqliteParameter _grain;

        public Reader(string databasePath)
        {
            _connection = SqliteDatabase.Open(databasePath);
            _read = _connection.CreateCommand();
            _read.CommandText = GrainStateSql.Read;
            _state = _read.Parameters.Add("$state", SqliteType.Text);
            _grain = _read.Parameters.Add("$grain", SqliteType.Text);
            _read.Prepare();
        }

        public (long Version, byte[]? Payload)? Read(string stateName, string grainId)
        {
            _state.Value = stateName;
            _grain.Value = grainId;
            using var row = _read.ExecuteReader();
            if (!row.Read())
            {
                return null;
            }

            return (row.GetInt64(0), row.IsDBNull(1) ? null : (byte[])row.GetValue(1));
        }

        public void Dispose()
        {
            _read.Dispose();
            _connection.Dispose();
        }
    }
}
