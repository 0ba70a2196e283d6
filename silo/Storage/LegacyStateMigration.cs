using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SessionService.Silo.Storage;

/// <summary>
/// Moves the states that Orleans' ADO.NET provider kept (table <c>OrleansStorage</c>) into <c>grain_state</c>,
/// in one transaction: payloads as they are (both are Orleans' binary serialization), versions kept as the
/// ETags grains will see. The old table is then renamed, not dropped, with the rows it could not move (another
/// service id, a state name of no known grain type), and the provider's query table is dropped. A start
/// after the move finds no <c>OrleansStorage</c> and does nothing; a crash before the commit moved nothing.
/// </summary>
public static partial class LegacyStateMigration
{
    private const string LegacyTable = "OrleansStorage";

    /// <summary>What the old table is renamed to, followed by the time of the move.</summary>
    public const string MigratedTablePrefix = LegacyTable + "_migrated_";

    /// <returns>How many states were moved (0 when there was no old table).</returns>
    /// <param name="grainTypesByState">Asked only when there is an old table: finding them reflects over the grain classes.</param>
    public static int Run(string databasePath, string serviceId, Func<IReadOnlyDictionary<string, GrainType>> grainTypesByState, ILogger logger)
    {
        using var connection = SqliteDatabase.Open(databasePath);
        if (!LegacyTableExists(connection))
        {
            return 0;
        }

        SqliteDatabase.Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            // Looked at again under the write lock: another silo on the same file may have moved it meanwhile.
            if (!LegacyTableExists(connection))
            {
                SqliteDatabase.Execute(connection, "ROLLBACK");
                return 0;
            }

            var (moved, left) = MoveRows(connection, serviceId, grainTypesByState());
            var backup = $"{MigratedTablePrefix}{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}";
            SqliteDatabase.Execute(connection, $"ALTER TABLE {LegacyTable} RENAME TO {backup}");
            // The renamed table keeps its index's name, which would stop a downgraded node from indexing a new OrleansStorage.
            SqliteDatabase.Execute(connection, "DROP INDEX IF EXISTS UX_OrleansStorage_Grain");
            SqliteDatabase.Execute(connection, "DROP TABLE IF EXISTS OrleansQuery");
            SqliteDatabase.Execute(connection, "COMMIT");
            Migrated(logger, moved, left, backup);
            return moved;
        }
        catch when (SqliteDatabase.InTransaction(connection))
        {
            // A full disk or an I/O error may have rolled the transaction back already; rolling back again would hide why.
            SqliteDatabase.Execute(connection, "ROLLBACK");
            throw;
        }
    }

    private static bool LegacyTableExists(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", LegacyTable);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static (int Moved, int Left) MoveRows(SqliteConnection connection, string serviceId, IReadOnlyDictionary<string, GrainType> grainTypesByState)
    {
        using var insert = connection.CreateCommand();
        // A row there already was written by this provider before a downgrade wrote the old table again: the old table is newer.
        insert.CommandText = """
            INSERT INTO grain_state (state_name, grain_id, version, payload) VALUES ($state, $grain, $version, $payload)
            ON CONFLICT (state_name, grain_id) DO UPDATE SET version = excluded.version, payload = excluded.payload
            """;
        var state = insert.Parameters.Add("$state", SqliteType.Text);
        var grain = insert.Parameters.Add("$grain", SqliteType.Text);
        var version = insert.Parameters.Add("$version", SqliteType.Integer);
        var payload = insert.Parameters.Add("$payload", SqliteType.Blob);

        using var select = connection.CreateCommand();
        select.CommandText = $"""
            SELECT GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString, ifnull(Version, 1), PayloadBinary
              FROM {LegacyTable} WHERE ServiceId = $service
            """;
        select.Parameters.AddWithValue("$service", serviceId);
        var moved = 0;
        using (var rows = select.ExecuteReader())
        {
            while (rows.Read())
            {
                var stateName = rows.GetString(0);
                if (!grainTypesByState.TryGetValue(stateName, out var grainType))
                {
                    continue;
                }

                state.Value = stateName;
                grain.Value = LegacyGrainKey.ToGrainId(grainType, rows.GetInt64(1), rows.GetInt64(2), rows.IsDBNull(3) ? null : rows.GetString(3)).ToString();
                version.Value = rows.GetInt64(4);
                payload.Value = rows.IsDBNull(5) ? DBNull.Value : rows.GetValue(5);
                insert.ExecuteNonQuery();
                moved++;
            }
        }

        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM {LegacyTable}";
        return (moved, (int)(long)count.ExecuteScalar()! - moved);
    }

    [LoggerMessage(EventId = 3010, EventName = "LegacyStatesMigrated", Level = LogLevel.Information,
        Message = "Moved {Moved} grain states from Orleans' ADO.NET table into grain_state; {Left} rows left behind in {Backup}")]
    private static partial void Migrated(ILogger logger, int moved, int left, string backup);
}
