using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using SessionService.Silo.Storage;

namespace SessionService.Tests.Storage.Legacy;

/// <summary>
/// Orleans' ADO.NET grain storage on a SQLite file with the schema embedded nodes had before silo/Storage/
/// (<c>orleans-adonet-sqlite.sql</c>): the provider itself writes the rows that the migration then moves.
/// </summary>
public static class OrleansAdoNetSqlite
{
    public const string Invariant = "System.Data.SQLite";

    private static readonly ServiceProvider SerializerServices = new ServiceCollection().AddSerializer().BuildServiceProvider();

    /// <summary>Creates the old schema in the file (WAL, as those nodes had it) and starts the provider on it.</summary>
    public static async Task<IGrainStorage> StartAsync(string databasePath, string serviceId)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            SqliteDatabase.Execute(connection, "PRAGMA journal_mode=WAL;");
            SqliteDatabase.Execute(connection, Schema());
        }

        var storage = new AdoNetGrainStorage(
            SerializerServices.GetRequiredService<IActivatorProvider>(),
            NullLogger<AdoNetGrainStorage>.Instance,
            Options.Create(new AdoNetGrainStorageOptions
            {
                Invariant = Invariant,
                ConnectionString = connectionString,
                GrainStorageSerializer = new OrleansGrainStorageSerializer(SerializerServices.GetRequiredService<Serializer>()),
            }),
            Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "legacy" }),
            "legacy");
        var start = new StartOnly();
        storage.Participate(start);
        await start.RunAsync();
        return storage;
    }

    private static string Schema()
    {
        var assembly = typeof(OrleansAdoNetSqlite).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".orleans-adonet-sqlite.sql", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }

    /// <summary>A silo lifecycle of one start: the provider reads its queries from the database when it starts.</summary>
    private sealed class StartOnly : ISiloLifecycle
    {
        private readonly List<ILifecycleObserver> _observers = [];

        public int HighestCompletedStage => ServiceLifecycleStage.Active;

        public int LowestStoppedStage => ServiceLifecycleStage.Last;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            _observers.Add(observer);
            return new NoUnsubscribe();
        }

        public async Task RunAsync()
        {
            foreach (var observer in _observers)
            {
                await observer.OnStart(CancellationToken.None);
            }
        }

        private sealed class NoUnsubscribe : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
