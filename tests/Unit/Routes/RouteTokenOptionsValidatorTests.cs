using SessionService.Api.Routes;

namespace SessionService.Tests.Unit.Routes;

public sealed class RouteTokenOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(TimeSpan maxLifetime) =>
        new RouteTokenOptionsValidator().Validate(null, new RouteTokenOptions { MaxLifetime = maxLifetime }).Failures?.ToList() ?? [];

    [Fact]
    public void Defaults_AreValid_AndTheDefaultLifetimeIsADay()
    {
        Assert.Empty(new RouteTokenOptionsValidator().Validate(null, new RouteTokenOptions()).Failures ?? []);
        Assert.Equal(86_400, new RouteTokenOptions().DefaultLifetimeSeconds);
    }

    [Fact]
    public void DefaultLifetime_IsTheMaximum_WhenThatIsShorterThanADay() =>
        Assert.Equal(3600, new RouteTokenOptions { MaxLifetime = TimeSpan.FromHours(1) }.DefaultLifetimeSeconds);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(366 * 86_400)]
    public void MaxLifetime_OutOfRange_IsRefusedNamingTheKey(long seconds) =>
        Assert.Contains(Failures(TimeSpan.FromSeconds(seconds)), f => f.StartsWith("Routes:MaxLifetime", StringComparison.Ordinal));
}
