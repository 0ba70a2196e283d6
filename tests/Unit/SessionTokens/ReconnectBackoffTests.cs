using SessionService.AspNetCore;

namespace SessionService.Tests.Unit.SessionTokens;

public sealed class ReconnectBackoffTests
{
    private readonly ReconnectBackoff _backoff = new() { Initial = TimeSpan.FromMilliseconds(100), Maximum = TimeSpan.FromSeconds(2) };

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 200)]
    [InlineData(3, 800)]
    [InlineData(4, 1600)]
    [InlineData(5, 2000)]
    [InlineData(1000, 2000)]
    public void EveryDelay_StaysWithinItsExponentialCeiling_CappedAtMaximum(int attempt, int ceilingMilliseconds)
    {
        var random = new Random(attempt);
        var delays = Enumerable.Range(0, 200).Select(_ => _backoff.DelayFor(attempt, random)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromMilliseconds(ceilingMilliseconds)));
        // Full jitter: the delays spread out, and some come close to the ceiling.
        Assert.True(delays.Distinct().Count() > 100);
        Assert.Contains(delays, d => d > TimeSpan.FromMilliseconds(ceilingMilliseconds * 0.9));
    }
}
