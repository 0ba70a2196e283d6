using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using SessionService.Grains;

namespace SessionService.Silo;

/// <summary>The one place that decides how a silo of this service clusters and stores grain state.</summary>
public static class SiloConfiguration
{
    /// <summary>Localhost clustering and grain state in a SQLite file under <c>Storage:Path</c>.</summary>
    public static ISiloBuilder AddEmbeddedSessionSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var orleans = configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        Directory.CreateDirectory(storage.Path);
        var connectionString = SqliteGrainStorage.ConnectionStringFor(storage.Path);
        SqliteGrainStorage.EnsureSchema(connectionString);

        silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
        silo.AddSessionGrainStorage(SqliteGrainStorage.Invariant, connectionString);
        silo.Services.AddSessionGrainServices(configuration);
        return silo;
    }

    public static ISiloBuilder AddSessionGrainStorage(this ISiloBuilder silo, string invariant, string connectionString)
    {
        silo.AddAdoNetGrainStorage(StorageNames.Sessions, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<IServiceProvider>((o, services) =>
            {
                o.Invariant = invariant;
                o.ConnectionString = connectionString;
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>());
            }));
        return silo;
    }

    /// <summary>What the grains themselves need: the auth policy and a clock.</summary>
    public static IServiceCollection AddSessionGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthOptions(configuration);
        services.TryAddKeyedSingleton(SessionClock.Key, TimeProvider.System);
        return services;
    }
}
