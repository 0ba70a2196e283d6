using SessionService.Silo.Telemetry;

namespace SessionService.Tests.Unit;

public sealed class MetricsOptionsValidatorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(65535)]
    public void Port_IsAccepted_WhenUnsetOrAValidPort(int? port)
    {
        Assert.True(new MetricsOptionsValidator().Validate(null, new MetricsOptions { Port = port }).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(-1)]
    public void Port_IsRefusedNamingTheKey_WhenOutOfRange(int port)
    {
        var result = new MetricsOptionsValidator().Validate(null, new MetricsOptions { Port = port });

        Assert.Equal($"Metrics:Port must be between 1 and 65535 (got {port}).", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Defaults_ServeMetricsWithoutAdmin_AndOpenNoSiloListener()
    {
        var options = new MetricsOptions();

        Assert.True(options.Enabled);
        Assert.False(options.RequireAdmin);
        Assert.Null(options.Port);
    }
}
