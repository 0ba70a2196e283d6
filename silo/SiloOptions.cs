using Microsoft.Extensions.Configuration;

namespace SessionService.Silo;

/// <summary>
/// The "Orleans" configuration section: which mode the deployment runs in, its cluster identity and
/// this silo's endpoints. The PostgreSQL connection string is <c>ConnectionStrings:Orleans</c>.
/// </summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";
    public const string EmbeddedMode = "embedded";
    public const string PostgresMode = "postgres";
    public const string ConnectionStringName = "Orleans";

    /// <summary><c>embedded</c>: localhost clustering + SQLite; <c>postgres</c>: ADO.NET clustering and storage on PostgreSQL.</summary>
    public string Mode { get; set; } = EmbeddedMode;
    public string ClusterId { get; set; } = "session-service";
    public string ServiceId { get; set; } = "session-service";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo on (cluster mode).</summary>
    public string AdvertisedIP { get; set; } = "127.0.0.1";

    /// <summary>A host name to resolve for the advertised address instead (a container's service name).</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>Listen on every interface instead of only the advertised address (containers).</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>
    /// How long a grain (a user with their sessions) stays in memory after its last call. Its state is
    /// in storage; the next call reads it back.
    /// </summary>
    public TimeSpan IdleGrainAge { get; set; } = TimeSpan.FromMinutes(15);

    public bool IsEmbedded => Mode == EmbeddedMode;

    /// <summary>Silos and clients of one deployment must agree on these.</summary>
    public void Identify(Orleans.Configuration.ClusterOptions cluster)
    {
        cluster.ClusterId = ClusterId;
        cluster.ServiceId = ServiceId;
    }

    public System.Net.IPAddress ResolveAdvertisedAddress() => AdvertisedHost is { Length: > 0 } host
        ? System.Net.Dns.GetHostAddresses(host).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        : System.Net.IPAddress.Parse(AdvertisedIP);

    public static SiloOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<SiloOptions>() ?? new SiloOptions();
        if (options.Mode is not (EmbeddedMode or PostgresMode))
        {
            throw new InvalidOperationException($"Orleans:Mode must be '{EmbeddedMode}' or '{PostgresMode}' (got '{options.Mode}').");
        }

        // Orleans scans for idle grains once a minute and needs the age to exceed that.
        if (options.IdleGrainAge <= TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException($"Orleans:IdleGrainAge must be longer than one minute (got {options.IdleGrainAge}).");
        }

        return options;
    }

    public static string PostgresConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} must be set when Orleans:Mode is '{PostgresMode}'.");
}

/// <summary>The "Storage" configuration section of the embedded mode.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string Path { get; set; } = "./data";
}
