using Microsoft.Data.Sqlite;

namespace SessionService.Silo.Storage;

/// <summary>
/// Finds, in the old table the migration renamed, the state of a grain whose key the move could not spell back.
/// Orleans' ADO.NET provider kept a key that reads as a GUID or a hexadecimal integer only as that number, so
/// "007" and "7", or "ed+news@example.com" and "ED+news@example.com", shared one row; the move wrote each such
/// row under Orleans' spelling. A grain asking under another spelling gets what the old provider gave it: the
/// row its key decomposes to, looked up the same way. Only such grains are looked up, and only while the
/// migrated state has no row of their own.
/// </summary>
internal sealed class LegacyStateLookup : IDisposable
{
    private readonly object _gate = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _read;

    private LegacyStateLookup(SqliteConnection connection, string table, string serviceId)
    {
        _connection = connection;
        // The migration dropped the provider's index with its name; this one makes a lookup a seek.
        SqliteDatabase.Execute(connection, $"CREATE INDEX IF NOT EXISTS {table}_keys ON {table} (GrainIdN1, GrainIdN0)");
        _read = connection.CreateCommand();
        _read.CommandText = $"""
            SELECT ifnull(Version, 1), PayloadBinary FROM {table}
             WHERE ServiceId = $service AND GrainTypeString = $state AND GrainIdN0 = $n0 AND GrainIdN1 = $n1
               AND GrainIdExtensionString IS $extension
            """;
        _read.Parameters.AddWithValue("$service", serviceId);
        _read.Parameters.Add("$state", SqliteType.Text);
        _read.Parameters.Add("$n0", SqliteType.Integer);
        _read.Parameters.Add("$n1", SqliteType.Integer);
        _read.Parameters.Add("$extension", SqliteType.Text);
        _read.Prepare();
    }

    /// <summary>The newest table a migration left behind, or null when there is none.</summary>
    public static LegacyStateLookup? Open(string databasePath, string serviceId)
    {
        var connection = SqliteDatabase.Open(databasePath);
        using var find = connection.CreateCommand();
        find.CommandText = $"SELECT max(name) FROM sqlite_master WHERE type = 'table' AND name LIKE '{LegacyStateMigration.MigratedTablePrefix}%'";
        if (find.ExecuteScalar() is not string table)
        {
            connection.Dispose();
            return null;
        }

        return new LegacyStateLookup(connection, table, serviceId);
    }

    /// <summary>Null for a key the migration spelled back exactly (its own row, or none, is all there is).</summary>
    public (long Version, byte[]? Payload)? Read(string stateName, GrainId grainId)
    {
        var (n0, n1, extension) = LegacyGrainKey.PartsOf(grainId);
        if (LegacyGrainKey.ToGrainId(grainId.Type, n0, n1, extension) == grainId)
        {
            return null;
        }

        lock (_gate)
        {
            _read.Parameters["$state"].Value = stateName;
            _read.Parameters["$n0"].Value = n0;
            _read.Parameters["$n1"].Value = n1;
            _read.Parameters["$extension"].Value = (object?)extension ?? DBNull.Value;
            using var row = _read.ExecuteReader();
            return row.Read() ? (row.GetInt64(0), row.IsDBNull(1) ? null : (byte[])row.GetValue(1)) : null;
        }
    }

    public void Dispose()
    {
        _read.Dispose();
        _connection.Dispose();
    }
}
