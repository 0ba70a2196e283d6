using System.Net;

namespace SessionService.Silo;

/// <summary>
/// The "Orleans" configuration section: which mode the deployment runs in, its cluster identity and
/// this silo's endpoints. The PostgreSQL connection string is <c>ConnectionStrings:Orleans</c>.
/// Checked and completed by <see cref="SiloOptionsValidator"/>.
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

    /// <summary>Where clients reach a cluster silo. Embedded mode opens no gateway: its one client is in-process.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Cluster mode: every silo and API node proves it knows this secret on every grain call (see
    /// <c>ClusterSecret/CallProof.cs</c>). At least 32 bytes, the same everywhere.
    /// </summary>
    public string? ClusterSecret { get; set; }

    /// <summary>The address other silos and clients reach this silo on (cluster mode).</summary>
    public string AdvertisedIP { get; set; } = "127.0.0.1";

    /// <summary>A host name to resolve for the advertised address instead (a container's service name).</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>
    /// Listen on every interface instead of only the advertised address. Rarely needed (a container binds
    /// its advertised address fine) and it opens the silo on public interfaces too.
    /// </summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>Cluster mode refuses a public advertised address unless this is set (behind a firewall or mTLS).</summary>
    public bool AllowPublicAddress { get; set; }

    /// <summary>
    /// How long a grain (a user with their sessions) stays in memory after its last call. Its state is
    /// in storage; the next call reads it back.
    /// </summary>
    public TimeSpan IdleGrainAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary><c>ConnectionStrings:Orleans</c> (not a key of this section, so not bound from it).</summary>
    public string? PostgresConnectionString { get; internal set; }

    /// <summary>
    /// Cluster mode: <see cref="AdvertisedHost"/> resolved, else <see cref="AdvertisedIP"/> parsed, once,
    /// when the options are built; null when neither gives an IPv4 address (the validator says which key).
    /// </summary>
    public IPAddress? AdvertisedAddress { get; internal set; }

    public bool IsEmbedded => Mode == EmbeddedMode;

    /// <summary>Silos and clients of one deployment must agree on these.</summary>
    public void Identify(Orleans.Configuration.ClusterOptions cluster)
    {
        cluster.ClusterId = ClusterId;
        cluster.ServiceId = ServiceId;
    }
}
