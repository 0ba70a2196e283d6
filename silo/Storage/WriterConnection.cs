using Microsoft.Data.Sqlite;

namespace SessionService.Silo.Storage;

/// <summary>
/// The one connection that writes, with every statement it runs prepared once (SQLite parses each only
/// here, not on every write). Transactions are plain BEGIN IMMEDIATE / COMMIT statements: the writer is
/// the only one, so it takes the write lock at once instead of upgrading a read lock.
/// </summary>
internal sealed class WriterConnection : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly StateStatement _insert;
    private readonly StateStatement _update;
    private readonly StateStatement _clear;

    public WriterConnection(string databasePath)
    {
        _connection = SqliteDatabase.Open(databasePath);
        try
        {
            _begin = Prepared("BEGIN IMMEDIATE");
            _commit = Prepared("COMMIT");
            _rollback = Prepared("ROLLBACK");
            _insert = new StateStatement(Prepared(GrainStateSql.Insert), withPayload: true, withVersion: false);
            _update = new StateStatement(Prepared(GrainStateSql.Update), withPayload: true, withVersion: true);
            _clear = new StateStatement(Prepared(GrainStateSql.Clear), withPayload: false, withVersion: true);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public void Begin() => _begin.ExecuteNonQuery();

    /// <summary>Commits and, through synchronous=FULL, syncs the log: once this returns the batch is durable.</summary>
    public void Commit() => _commit.ExecuteNonQuery();

    public bool InTransaction => SqliteDatabase.InTransaction(_connection);

    public void RollBackIfOpen()
    {
        if (InTransaction)
        {
            _rollback.ExecuteNonQuery();
        }
    }

    /// <summary>Runs one change inside the open transaction: the row's new version, or null for a stale writer.</summary>
    public long? Apply(StateChange change)
    {
        var statement = change.Clears ? _clear : change.ExpectedVersion is null ? _insert : _update;
        return statement.Run(change);
    }

    public void Dispose()
    {
        foreach (var command in new[] { _begin, _commit, _rollback, _insert.Command, _update.Command, _clear.Command })
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    private SqliteCommand Prepared(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Prepare();
        return command;
    }

    /// <summary>A prepared statement with its parameters made once and given new values per change.</summary>
    private sealed class StateStatement
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _state;
        private readonly SqliteParameter _grain;
        private readonly SqliteParameter? _payload;
        private readonly SqliteParameter? _version;

        public StateStatement(SqliteCommand command, bool withPayload, bool withVersion)
        {
            _command = command;
            _state = command.Parameters.Add("$state", SqliteType.Text);
            _grain = command.Parameters.Add("$grain", SqliteType.Text);
            _payload = withPayload ? command.Parameters.Add("$payload", SqliteType.Blob) : null;
            _version = withVersion ? command.Parameters.Add("$version", SqliteType.Integer) : null;
        }

        public SqliteCommand Command => _command;

        public long? Run(StateChange change)
        {
            _state.Value = change.StateName;
            _grain.Value = change.GrainId;
            if (_payload is not null)
            {
                _payload.Value = change.Payload;
            }

            if (_version is not null)
            {
                _version.Value = change.ExpectedVersion is { } version ? version : DBNull.Value;
            }

            return _command.ExecuteScalar() is long newVersion ? newVersion : null;
        }
    }
}
