namespace SessionService.AspNetCore;

/// <summary>
/// Exponential backoff with full jitter: attempt n waits a random time up to
/// min(<see cref="Maximum"/>, <see cref="Initial"/> × 2ⁿ), so many resource servers that lost the stream
/// at once do not all reconnect at the same moment.
/// </summary>
public sealed class ReconnectBackoff
{
    /// <summary>The ceiling of the first delay.</summary>
    public TimeSpan Initial { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The ceiling of every delay.</summary>
    public TimeSpan Maximum { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The delay before reconnection attempt <paramref name="attempt"/> (0 for the first retry).</summary>
    public TimeSpan DelayFor(int attempt, Random random)
    {
        var ceiling = Math.Min(Maximum.Ticks, Initial.Ticks * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromTicks((long)(ceiling * random.NextDouble()));
    }
}
