namespace SessionService.Silo.Dashboard;

/// <summary>
/// The "Dashboard" configuration section: the Orleans Dashboard (live silos, grain activations, method
/// timings). Its UI is served only by an API node, at <c>/dashboard</c>, to admins. Checked by
/// <see cref="OrleansDashboardOptionsValidator"/>.
/// </summary>
public sealed class OrleansDashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// Unset: off on API nodes (embedded mode included: no co-hosted collection, no UI), on in cluster-mode
    /// silo processes. A cluster silo only collects: it opens no HTTP port, its figures are reachable only
    /// through grain calls that carry the cluster secret, and its profiler stops after a minute without a
    /// dashboard reader, so leaving it on costs little and lets one API node turn the UI on by itself.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>How often each silo samples its counters (Orleans needs at least a second).</summary>
    public TimeSpan CounterUpdateInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many samples each silo keeps in memory for the dashboard's charts.</summary>
    public int HistoryLength { get; set; } = 100;

    /// <summary>An API node serves the UI (and, embedded, its co-hosted silo collects) only when it is set on.</summary>
    public bool ServesUi => Enabled == true;

    /// <summary>A cluster-mode silo process collects unless it is set off.</summary>
    public bool CollectsOnClusterSilo => Enabled != false;

    public void ApplyTo(Orleans.Dashboard.DashboardOptions dashboard)
    {
        // The live log stream is refused at the route anyway (see the API's DashboardEndpoints).
        dashboard.HideTrace = true;
        dashboard.CounterUpdateIntervalMs = (int)CounterUpdateInterval.TotalMilliseconds;
        dashboard.HistoryLength = HistoryLength;
    }
}
