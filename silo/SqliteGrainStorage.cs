using Microsoft.Data.Sqlite;

namespace SessionService.Silo;

/// <summary>The embedded mode's SQLite database: where it lives and how its schema is put in place.</summary>
public static class SqliteGrainStorage
{
    /// <summary>The ADO.NET invariant under which Orleans loads Microsoft.Data.Sqlite.</summary>
    public const string Invariant = "System.Data.SQLite";
    public const string FileName = "sessions.db";

    public static string ConnectionStringFor(string directory) => new SqliteConnectionStringBuilder
    {
        DataSource = DatabasePath(directory),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>
    /// Creates the tables and queries when missing and switches the file to WAL mode. The database is created
    /// owner-only; SQLite gives its -wal and -shm files the database file's mode.
    /// </summary>
    public static void EnsureSchema(string connectionString)
    {
        var databasePath = new SqliteConnectionStringBuilder(connectionString).DataSource;
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        PrivateFiles.CreateFile(databasePath);
        PrivateFiles.Restrict(databasePath + "-wal");
        PrivateFiles.Restrict(databasePath + "-shm");
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, SchemaScripts.Load("sqlite-grain-storage.sql"));
    }

    /// <summary>True when <paramref name="error"/> (or one it wraps) leaves the connection unusable for writes: read-only (8), I/O error (10), full (13).</summary>
    public static bool BrokeItsConnection(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: 8 or 10 or 13 })
            {
                return true;
            }
        }

        return false;
    }

    public static string DatabasePath(string directory) => Path.Combine(Path.GetFullPath(directory), FileName);

    /// <summary>
    /// Puts the write-ahead log on disk: what makes the writes committed so far durable (they commit
    /// with synchronous=NORMAL). Without a log file everything is in the database file already: SQLite
    /// checkpoints (and syncs) it before deleting the log. Opened per sync rather than held, because
    /// SQLite deletes and recreates the log file when its last connection closes.
    /// </summary>
    public static void SyncLog(string databasePath)
    {
        try
        {
            using var log = File.OpenHandle(databasePath + "-wal", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.FlushToDisk(log);
        }
        catch (FileNotFoundException)
        {
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
