using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SessionService.Silo.Storage;

/// <summary>The embedded mode's SQLite file: where it lives, how its connections are opened, and which failures break a connection.</summary>
public static class SqliteDatabase
{
    public const string FileName = "sessions.db";

    public static string PathIn(string directory) => Path.Combine(Path.GetFullPath(directory), FileName);

    /// <summary>
    /// Creates the file owner-only when missing (SQLite gives its -wal and -shm files the database file's mode),
    /// switches it to WAL and creates the state table.
    /// </summary>
    public static void EnsureCreated(string databasePath)
    {
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        PrivateFiles.CreateFile(databasePath);
        PrivateFiles.Restrict(databasePath + "-wal");
        PrivateFiles.Restrict(databasePath + "-shm");
        using var connection = Open(databasePath);
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, GrainStateSql.CreateTable);
    }

    /// <summary>
    /// A connection of its own (not pooled: a connection that failed must really be closed, because SQLite keeps a
    /// file it opened read-only read-only). Each commit on it syncs the write-ahead log (synchronous=FULL):
    /// the one fsync that makes a batch durable.
    /// </summary>
    public static SqliteConnection Open(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA synchronous=FULL;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>True while <paramref name="connection"/> is inside a transaction: after some errors SQLite has already rolled it back.</summary>
    public static bool InTransaction(SqliteConnection connection) => raw.sqlite3_get_autocommit(connection.Handle) == 0;

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
