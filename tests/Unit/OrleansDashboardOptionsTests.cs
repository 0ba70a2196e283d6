using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SessionService.Silo;
using SessionService.Silo.Dashboard;

namespace SessionService.Tests.Unit;

public sealed class OrleansDashboardOptionsTests
{
    [Theory]
    [InlineData(null, false, true)]
    [InlineData("true", true, true)]
    [InlineData("false", false, false)]
    public void Enabled_UnsetMeansNoUiOnApiNodes_ButCollectionOnClusterSilos(string? enabled, bool servesUi, bool clusterSiloCollects)
    {
        var options = Read(("Dashboard:Enabled", enabled));

        Assert.Equal(servesUi, options.ServesUi);
        Assert.Equal(clusterSiloCollects, options.CollectsOnClusterSilo);
    }

    [Fact]
    public void Enabled_ThatIsNotABoolean_StopsStartUpNamingTheKey()
    {
        var error = Assert.ThrowsAny<InvalidOperationException>(() => Read(("Dashboard:Enabled", "maybe")));

        Assert.Contains("Dashboard:Enabled", error.Message);
    }

    [Theory]
    [InlineData("00:00:01")]
    [InlineData("00:01:00")]
    public void CounterUpdateInterval_IsAccepted_FromOneSecondToOneMinute(string interval)
    {
        Assert.Equal(TimeSpan.Parse(interval), Read(("Dashboard:CounterUpdateInterval", interval)).CounterUpdateInterval);
    }

    [Theory]
    [InlineData("00:00:00.999")]
    [InlineData("00:01:00.001")]
    public void CounterUpdateInterval_OutsideOneSecondToOneMinute_IsRefusedNamingTheKey(string interval)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read(("Dashboard:CounterUpdateInterval", interval)));

        Assert.StartsWith("Dashboard:CounterUpdateInterval must be between 00:00:01 and 00:01:00", Assert.Single(error.Failures));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10_000)]
    public void HistoryLength_IsAccepted_FromOneToTenThousand(int length)
    {
        Assert.Equal(length, Read(("Dashboard:HistoryLength", length.ToString())).HistoryLength);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void HistoryLength_OutsideOneToTenThousand_IsRefusedNamingTheKey(int length)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read(("Dashboard:HistoryLength", length.ToString())));

        Assert.Equal($"Dashboard:HistoryLength must be between 1 and 10000 (got {length}).", Assert.Single(error.Failures));
    }

    [Fact]
    public void ApplyTo_HidesTheLogStream_AndPassesTheSampling()
    {
        var dashboard = new Orleans.Dashboard.DashboardOptions();

        Read(("Dashboard:CounterUpdateInterval", "00:00:05"), ("Dashboard:HistoryLength", "50")).ApplyTo(dashboard);

        Assert.True(dashboard.HideTrace);
        Assert.Equal(5000, dashboard.CounterUpdateIntervalMs);
        Assert.Equal(50, dashboard.HistoryLength);
    }

    private static OrleansDashboardOptions Read(params (string Key, string? Value)[] settings) =>
        SessionServiceOptions.Read<OrleansDashboardOptions>(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());
}
