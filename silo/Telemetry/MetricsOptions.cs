namespace SessionService.Silo.Telemetry;

/// <summary>The "Metrics" configuration section, read by API nodes and silo processes. Checked by <see cref="MetricsOptionsValidator"/>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Serve Prometheus metrics: <c>GET /metrics</c> on API nodes, the <see cref="Port"/> listener on silo processes.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>API nodes: <c>/metrics</c> answers only an admin's access token (Prometheus then needs one).</summary>
    public bool RequireAdmin { get; set; }

    /// <summary>
    /// Silo processes: the port of their own metrics listener, bound to the silo's advertised (private)
    /// address. Unset: no listener, so silos sharing a host never collide by default.
    /// </summary>
    public int? Port { get; set; }
}
