namespace SessionService.Tests.Faults;

/// <summary>One fault's outcome, as a row of <see cref="FaultTable"/>.</summary>
public sealed record FaultRow(string Fault, int Requests, int Successes, int Unavailable, int OtherClientErrors, int NoAnswer,
    int Violations, string Durable, string RevocationsRefused, string Recovery)
{
    public static readonly string[] Headers =
        ["fault", "requests", "2xx", "503+Retry-After", "other 4xx", "no answer", "violations", "last refreshes durable", "revocations refused ≤ 1 s (max)", "recovery"];

    public FaultRow(string fault, LoadCounts counts, int violations, (int Checked, int Durable) durable, RevocationCheck revocations, TimeSpan? recovery)
        : this(fault, counts.Requests, counts.Successes, counts.Unavailable, counts.OtherClientErrors, counts.NoAnswer, violations,
            $"{durable.Durable}/{durable.Checked}",
            revocations.Checked == 0 ? "0/0" : $"{revocations.RefusedInTime}/{revocations.Checked} ({Milliseconds(revocations.MaxLatency)})",
            recovery is { } time ? $"{time.TotalSeconds:F1} s" : "none")
    {
    }

    public string[] Cells =>
        [Fault, $"{Requests}", $"{Successes}", $"{Unavailable}", $"{OtherClientErrors}", $"{NoAnswer}", $"{Violations}", Durable, RevocationsRefused, Recovery];

    private static string Milliseconds(TimeSpan latency) => latency == TimeSpan.MaxValue ? "> 5 s" : $"{latency.TotalMilliseconds:F0} ms";
}
