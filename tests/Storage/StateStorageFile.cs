using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using SessionService.Silo.Storage;
using SessionService.Tests.Support;

namespace SessionService.Tests.Storage;

/// <summary>
/// A <see cref="SqliteGrainStateStorage"/> on a database file of the test's own (in a temp directory, or in a
/// directory the test gives), with Orleans' serializer as the silo configures it; reopened on demand, as after a restart.
/// </summary>
public sealed class StateStorageFile : IDisposable
{
    private static readonly ServiceProvider SerializerServices = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private readonly TempDirectory? _ownDirectory;

    public StateStorageFile(string? directory = null)
    {
        if (directory is null)
        {
            _ownDirectory = new TempDirectory();
            directory = _ownDirectory.Path;
        }

        DatabasePath = SqliteDatabase.PathIn(directory);
        Storage = Open(DatabasePath);
    }

    public string DatabasePath { get; }

    public SqliteGrainStateStorage Storage { get; private set; }

    public static IGrainStorageSerializer Serializer { get; } = new OrleansGrainStorageSerializer(SerializerServices.GetRequiredService<Serializer>());

    public static SqliteGrainStateStorage Open(string databasePath, string? legacyServiceId = null) =>
        new(databasePath, Serializer, SerializerServices.GetRequiredService<IActivatorProvider>(), legacyServiceId);

    /// <summary>Closes the storage (answering what it queued) and opens the file again.</summary>
    public void Reopen()
    {
        Storage.Dispose();
        Storage = Open(DatabasePath);
    }

    /// <summary>A connection of the test's own that holds SQLite's write lock until disposed: the storage's writer waits meanwhile.</summary>
    public SqliteConnection HoldWriteLock()
    {
        var connection = SqliteDatabase.Open(DatabasePath);
        SqliteDatabase.Execute(connection, "BEGIN IMMEDIATE");
        return connection;
    }

    /// <summary>Runs SQL on a connection of the test's own.</summary>
    public void Execute(string sql)
    {
        using var connection = SqliteDatabase.Open(DatabasePath);
        SqliteDatabase.Execute(connection, sql);
    }

    public void Dispose()
    {
        Storage.Dispose();
        _ownDirectory?.Dispose();
    }
}
