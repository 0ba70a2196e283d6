using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Metadata;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Users;
using SessionService.Silo.ClusterSecret;
using SessionService.Silo.Dashboard;
using SessionService.Silo.Storage;

namespace SessionService.Silo;

/// <summary>
/// The one place that decides how this service's silos and clients cluster and where grain state lives:
/// <c>Orleans:Mode</c> = <c>embedded</c> (localhost clustering, SQLite) or <c>postgres</c> (ADO.NET
/// clustering and storage on PostgreSQL).
/// </summary>
public static class SiloConfiguration
{
    /// <summary>
    /// Grain calls here take milliseconds; a call caught by a silo's sudden death should fail (and be
    /// retried by its client) well before Orleans' default 30 s.
    /// </summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    public static ISiloBuilder AddSessionSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddSessionGrainServices(configuration);
        silo.AddOutboxSweepOnStart();
        silo.Services.AddOptions<GrainCollectionOptions>().Configure<IOptions<SiloOptions>>(
            (collection, orleans) => collection.CollectionAge = orleans.Value.IdleGrainAge);
        var orleans = SessionServiceOptions.Read<SiloOptions>(configuration);
        silo.AddSessionDashboard(configuration, orleans.IsEmbedded);
        if (orleans.IsEmbedded)
        {
            var storage = SessionServiceOptions.Read<StorageOptions>(configuration);
            Directory.CreateDirectory(storage.Path);
            // No gateway (port 0): the co-hosted client calls in-process, and a gateway would let any local
            // process call grains. The silo port stays, bound to loopback, and obeys only this process.
            silo.UseLocalhostClustering(orleans.SiloPort, gatewayPort: 0, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
            silo.Services.AddProcessOnlyCallProof();
            return silo.AddSqliteGrainStorage(storage.Path);
        }

        var postgres = orleans.PostgresConnectionString!;
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresSchema.Invariant;
            o.ConnectionString = postgres;
        });
        silo.Configure<ClusterOptions>(orleans.Identify);
        silo.Services.AddClusterSecret(orleans.ClusterSecret!);
        silo.ConfigureEndpoints(orleans.AdvertisedAddress!, orleans.SiloPort, orleans.GatewayPort, orleans.ListenOnAnyHostAddress);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            // Declare a silo that stopped answering dead after a few seconds, not a minute, so its
            // users' grains come back on a live silo quickly.
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 2;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
        });
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = CallTimeout);
        const string inner = StorageNames.Sessions + "-postgres";
        silo.AddSessionGrainStorage(PostgresSchema.Invariant, postgres, inner);
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Sessions, (services, _) =>
            TranslatedFailures(services, services.GetRequiredKeyedService<IGrainStorage>(inner)));
        return silo;
    }

    /// <summary>At each silo start, delivers the revocations of users whose silo died before they could (see <see cref="IOutboxSweepGrain"/>).</summary>
    public static ISiloBuilder AddOutboxSweepOnStart(this ISiloBuilder silo) => silo.AddStartupTask(SweepOutboxesAsync);

    private static async Task SweepOutboxesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<IGrainFactory>().Grain<IOutboxSweepGrain>(IOutboxSweepGrain.Id).SweepAsync();
        }
        catch (Exception e)
        {
            // The sweep's own timer tries again once it is active; a failed first sweep must not stop the silo.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiloConfiguration)).LogWarning(e, "The start-up sweep of revocation outboxes failed");
        }
    }

    /// <summary>An API node in cluster mode: an Orleans client finding gateways in the membership table.</summary>
    public static IClientBuilder AddSessionClusterClient(this IClientBuilder client, IConfiguration configuration)
    {
        client.Services.AddSessionOptions(configuration);
        var orleans = SessionServiceOptions.Read<SiloOptions>(configuration);
        var postgres = orleans.PostgresConnectionString!;
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresSchema.Invariant;
            o.ConnectionString = postgres;
        });
        client.Configure<ClusterOptions>(orleans.Identify);
        client.AddSessionDashboard(configuration);
        client.Services.AddClusterSecret(orleans.ClusterSecret!);
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = CallTimeout);
        // Keep trying until a silo answers, so API nodes may start before the silos.
        client.UseConnectionRetryFilter(async (_, cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return true;
        });
        return client;
    }

    /// <summary>
    /// The embedded mode's own SQLite storage (<see cref="SqliteGrainStateStorage"/>) in <paramref name="directory"/>,
    /// after moving in what Orleans' ADO.NET provider stored there before (<see cref="LegacyStateMigration"/>);
    /// failures answered as "try again" (<see cref="StorageFailureTranslation"/>). Opened when the silo starts.
    /// </summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string directory)
    {
        var databasePath = SqliteDatabase.PathIn(directory);
        SqliteDatabase.EnsureCreated(databasePath);
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Sessions, (services, _) =>
        {
            var serviceId = services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
            LegacyStateMigration.Run(
                databasePath,
                serviceId,
                () => PersistentStateGrainTypes.In(typeof(StorageNames).Assembly, StorageNames.Sessions, services.GetRequiredService<GrainTypeResolver>()),
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LegacyStateMigration)));
            var storage = new SqliteGrainStateStorage(
                databasePath,
                new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>()),
                services.GetRequiredService<IActivatorProvider>(),
                legacyServiceId: serviceId);
            return TranslatedFailures(services, storage);
        });
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, OpenStorageAtStart>();
        return silo;
    }

    private static StorageFailureTranslation TranslatedFailures(IServiceProvider services, IGrainStorage inner) =>
        new(inner, services.GetRequiredService<ILogger<StorageFailureTranslation>>());

    private static ISiloBuilder AddSessionGrainStorage(this ISiloBuilder silo, string invariant, string connectionString, string name)
    {
        silo.AddAdoNetGrainStorage(name, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<IServiceProvider>((o, services) =>
            {
                o.Invariant = invariant;
                o.ConnectionString = connectionString;
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>());
            }));
        return silo;
    }

    /// <summary>What grains and API nodes both need: the shared options, the session clock, the key protector and password hashing.</summary>
    public static IServiceCollection AddSessionGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSessionOptions(configuration);
        services.TryAddKeyedSingleton(SessionClock.Key, TimeProvider.System);
        services.TryAddSingleton<IPasswordHasher<PasswordOwner>, PasswordHasher<PasswordOwner>>();
        services.TryAddSingleton<Passwords>();
        services.TryAddSingleton(sp => KeyEncryption.CreateProtector(
            sp.GetRequiredService<IOptions<AuthOptions>>().Value, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        return services;
    }
}
