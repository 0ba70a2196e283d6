using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SessionService.Grains;

namespace SessionService.Tests.Support;

/// <summary>
/// The real API (with its co-hosted silo and SQLite store) in memory: its own data directory and ports,
/// a fake session clock, fast password hashing, rate limits off unless a test turns them on.
/// </summary>
public sealed class ApiFactory(string storagePath, IDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null)
    : WebApplicationFactory<Program>
{
    public const string AdminUser = "root-admin";
    public const string AdminPassword = "Adm1n-Pa55word-Long!";

    public FakeTimeProvider Clock { get; } = clock ?? TestClusters.NewClock();

    public CapturedLogs Logs { get; } = new();

    /// <summary>Services a test adds or replaces after the app's own (fault switches, a fake clock).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>The client address every request appears to come from (TestServer leaves it empty).</summary>
    public System.Net.IPAddress? RemoteIp { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var all = new Dictionary<string, string?>
        {
            ["Storage:Path"] = storagePath,
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Admin:Username"] = AdminUser,
            ["Admin:Password"] = AdminPassword,
            ["RateLimit:Enabled"] = "false",
            ["Auth:FailedLoginMinimumDuration"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        foreach (var (key, value) in all)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddKeyedSingleton<TimeProvider>(SessionClock.Key, Clock);
            services.PostConfigure<PasswordHasherOptions>(o => o.IterationCount = TestClusters.PasswordIterations);
            if (RemoteIp is { } remoteIp)
            {
                services.AddSingleton<IStartupFilter>(new RemoteIpStartupFilter(remoteIp));
            }

            TestServices?.Invoke(services);
        });
    }
}

/// <summary>Sets the connection's remote address before any of the app's middleware runs.</summary>
internal sealed class RemoteIpStartupFilter(System.Net.IPAddress address) : IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use(nextMiddleware => http =>
        {
            http.Connection.RemoteIpAddress = address;
            return nextMiddleware(http);
        });
        next(app);
    };
}
