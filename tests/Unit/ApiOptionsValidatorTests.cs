using SessionService.Api.Http;
using SessionService.Api.Users;
using SessionService.Grains.Users;

namespace SessionService.Tests.Unit;

public sealed class ApiOptionsValidatorTests
{
    [Fact]
    public void RateLimit_Succeeds_WithDefaults()
    {
        Assert.True(new RateLimitOptionsValidator().Validate(null, new RateLimitOptions()).Succeeded);
    }

    [Fact]
    public void RateLimit_FailsNamingEachKey_WhenPermitLimitAndWindowAreBad()
    {
        var result = new RateLimitOptionsValidator().Validate(null, new RateLimitOptions { PermitLimit = 0, Window = TimeSpan.Zero });

        Assert.Equal(["RateLimit:PermitLimit must be at least 1.", "RateLimit:Window must be positive."], result.Failures);
    }

    [Fact]
    public void RateLimit_FailsNamingTheWindow_WhenWindowIsNegative()
    {
        var result = new RateLimitOptionsValidator().Validate(null, new RateLimitOptions { Window = TimeSpan.FromSeconds(-1) });

        Assert.Equal("RateLimit:Window must be positive.", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData(100_000, true)]
    [InlineData(600_000, true)]
    [InlineData(99_999, false)]
    [InlineData(0, false)]
    public void PasswordIterations_AreRefused_WhenBelowOneHundredThousand(int iterations, bool valid)
    {
        var result = new PasswordHashOptionsValidator().Validate(null, new PasswordHashOptions { Iterations = iterations });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Equal("Passwords:Iterations must be at least 100000.", Assert.Single(result.Failures!));
        }
    }
}
