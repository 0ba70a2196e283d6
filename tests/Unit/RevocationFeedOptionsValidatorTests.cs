using SessionService.Api.Revocations;

namespace SessionService.Tests.Unit;

public sealed class RevocationFeedOptionsValidatorTests
{
    [Fact]
    public void Defaults_Succeed() =>
        Assert.True(new RevocationFeedOptionsValidator().Validate(null, new RevocationFeedOptions()).Succeeded);

    [Theory]
    [InlineData(10, true)]
    [InlineData(300_000, true)]
    [InlineData(9, false)]
    [InlineData(300_001, false)]
    public void HeartbeatInterval_IsFrom10MillisecondsToFiveMinutes(int milliseconds, bool valid)
    {
        var result = new RevocationFeedOptionsValidator().Validate(null, new RevocationFeedOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(milliseconds) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.StartsWith("Revocations:HeartbeatInterval", Assert.Single(result.Failures!));
        }
    }

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(1_000_000, 100_000, true)]
    [InlineData(0, 1, false)]
    [InlineData(1_000_001, 1, false)]
    [InlineData(1, 0, false)]
    [InlineData(1, 100_001, false)]
    public void StreamBufferAndMaxStreams_AreBounded_AndNamedWhenRefused(int buffer, int streams, bool valid)
    {
        var result = new RevocationFeedOptionsValidator().Validate(null, new RevocationFeedOptions { StreamBuffer = buffer, MaxStreams = streams });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Matches("^Revocations:(StreamBuffer|MaxStreams) ", Assert.Single(result.Failures!));
        }
    }
}
