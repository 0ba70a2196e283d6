using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using SessionService.Grains;
using SessionService.Silo;

namespace SessionService.Tests.Support;

/// <summary>In-process Orleans clusters whose silos persist to one shared SQLite file, with a fake session clock.</summary>
public static class TestClusters
{
    /// <summary>PBKDF2 iterations of the test silos: far below the production floor, so logins in tests are fast.</summary>
    public const int PasswordIterations = 1000;

    public static InProcessTestCluster Build(
        short silos, FakeTimeProvider clock, string storageDirectory, IDictionary<string, string?>? auth = null, Action<ISiloBuilder>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:RefreshReuseGrace"] = "00:00:30",
            ["Auth:MaxSessionsPerUser"] = "3",
            ["Storage:Path"] = storageDirectory,
        };
        foreach (var (key, value) in auth ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteGrainStorage(storageDirectory);
            silo.Services.AddSessionGrainServices(configuration);
            silo.Services.AddKeyedSingleton<TimeProvider>(SessionClock.Key, clock);
            silo.Services.PostConfigure<PasswordHasherOptions>(o => o.IterationCount = PasswordIterations);
            configure?.Invoke(silo);
        });
        return builder.Build();
    }

    public static FakeTimeProvider NewClock() => new(DateTimeOffset.UtcNow);
}
