using Npgsql;

namespace SessionService.Silo;

/// <summary>Applies the cluster mode's PostgreSQL schema; idempotent, and serialized across processes.</summary>
public static class PostgresSchema
{
    public const string Invariant = "Npgsql";
    private static readonly string[] Scripts = ["postgres-clustering.sql", "postgres-grain-storage.sql"];

    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // Two silos starting together must not create the same tables at once.
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(hashtext('session-service-schema'));", cancellationToken);
        try
        {
            foreach (var script in Scripts)
            {
                await ExecuteAsync(connection, SchemaScripts.Load(script), cancellationToken);
            }
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(hashtext('session-service-schema'));", CancellationToken.None);
        }
    }

    /// <summary>Retries until PostgreSQL accepts connections (it may still be starting), then applies.</summary>
    public static async Task ApplyWhenReachableAsync(string connectionString, TimeSpan patience, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                await ApplyAsync(connectionString, cancellationToken);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
