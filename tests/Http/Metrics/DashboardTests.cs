using System.Text.Json;
using System.Text.RegularExpressions;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Metrics;

/// <summary>The provisioned Grafana dashboard parses, and every metric its panels query is one a node serves.</summary>
[Collection(MetricsCollection.Name)]
public sealed partial class DashboardTests(MetricsNode node) : IClassFixture<MetricsNode>
{
    private static readonly string DashboardPath = Path.Combine(Repository.Root, "deploy", "grafana", "dashboards", "session-service.json");

    private HttpClient Client => node.Client;

    [Fact]
    public async Task EveryMetricTheDashboardQueries_IsInTheNodesMetrics_OnceEachEventHappened()
    {
        var queried = PanelQueries().SelectMany(q => MetricName().Matches(q).Select(m => m.Value)).ToHashSet();
        Assert.Contains("session_logins_total", queried);
        Assert.Contains("session_revocation_apply_lag_seconds_bucket", queried);

        await DashboardEvents.HappenAsync(Client, node.Node.Factory.Clock);
        var served = (await node.ScrapeUntilAsync(s => s.Names.Contains("session_revocation_apply_lag_seconds_bucket"))).Names;

        Assert.Empty(queried.Where(name => !served.Contains(name)).Order());
    }

    [Fact]
    public void Dashboard_HasThePanelsAnOnCallEngineerNeeds_EachWithAQuery()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        var titles = panels.Select(p => p.GetProperty("title").GetString()).ToList();

        Assert.All(panels, p => Assert.NotEmpty(p.GetProperty("targets").EnumerateArray()));
        Assert.Equal(titles.Count, titles.Distinct().Count());
        foreach (var needed in new[] { "Logins", "Refreshes", "Validation failures", "reuse", "Revocation apply lag", "Storage write latency", "batch size", "Grain activations", "5xx" })
        {
            Assert.Contains(titles, t => t!.Contains(needed, StringComparison.OrdinalIgnoreCase));
        }
    }

    internal static IEnumerable<string> PanelQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
    }

    [GeneratedRegex(@"\b(session|orleans|http_server)_[a-z_]+\b")]
    private static partial Regex MetricName();
}
