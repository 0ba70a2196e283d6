using System.Diagnostics.Metrics;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Telemetry;

/// <summary>The revocation authority's meter: how many revocation entries it published to the API nodes, by kind.</summary>
public static class RevocationMetrics
{
    public const string MeterName = "SessionService.Revocations";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Published = Meter.CreateCounter<long>(
        "session.revocations.published", "{entry}", "Revocation entries the authority published to the API nodes.");

    public static void RecordPublished(RevocationKind kind) => Published.Add(1, new KeyValuePair<string, object?>("kind", KindName(kind)));

    private static string KindName(RevocationKind kind) => kind switch
    {
        RevocationKind.Session => "session",
        RevocationKind.UserBlocked => "user_blocked",
        _ => "user_unblocked",
    };
}
