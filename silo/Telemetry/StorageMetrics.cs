using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SessionService.Silo.Telemetry;

/// <summary>The grain storage's meter: how long a state write takes until it is acknowledged, and how many writes one group-commit sync covers.</summary>
public static class StorageMetrics
{
    public const string MeterName = "SessionService.Storage";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> WriteDuration = Meter.CreateHistogram(
        "session.storage.write.duration", "s", "Time from a grain's state write to its acknowledgement (durable on disk).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram(
        "session.storage.group_commit.batch_size", "{write}", "Writes covered by one sync of the SQLite write-ahead log.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });

    public static void RecordWrite(long startedTimestamp, bool succeeded) =>
        WriteDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    public static void RecordBatch(int writes) => BatchSize.Record(writes);
}
