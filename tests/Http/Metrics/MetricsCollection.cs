namespace SessionService.Tests.Http.Metrics;

/// <summary>
/// Meters are process-wide, so every in-process node's exporter sees every node's measurements: tests
/// that count exact deltas run while no other test class runs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}
