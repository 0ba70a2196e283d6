using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Metrics;

/// <summary>
/// Debian's Prometheus scrapes a live node, and every query of the provisioned Grafana dashboard is
/// accepted by it and answers with data: what a new user sees on the compose demo's dashboard.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class PrometheusDashboardTests : IAsyncLifetime
{
    // Shown only once a node has answered a 5xx, which a healthy node does not.
    private const string ServerErrorsPanelMetric = "http_server_request_duration_seconds_count{http_response_status_code=~\"5..\"}";

    private KestrelNode _node = null!;
    private PrometheusProcess _prometheus = null!;

    public async Task InitializeAsync()
    {
        _node = new KestrelNode();
        _prometheus = await PrometheusProcess.StartAsync(_node.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        _prometheus.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task EveryDashboardQuery_IsValidPromQl_AndAnswersWithLiveData()
    {
        // Rates need two samples that differ: events, scrapes, events again, scrapes.
        await _prometheus.WaitForNewScrapesAsync(1);
        await DashboardEvents.HappenAsync(_node.Client, _node.Factory.Clock);
        await _prometheus.WaitForNewScrapesAsync(2);
        await DashboardEvents.HappenAsync(_node.Client, _node.Factory.Clock);
        await _prometheus.WaitForNewScrapesAsync(2);

        var empty = new List<string>();
        foreach (var query in DashboardTests.PanelQueries())
        {
            var result = await _prometheus.QueryAsync(query);
            if (result.Count == 0 && !query.Contains(ServerErrorsPanelMetric, StringComparison.Ordinal))
            {
                empty.Add(query);
            }
        }

        Assert.True(empty.Count == 0, "No data for:\n" + string.Join("\n", empty) + "\n" + _prometheus.Log);
        var successfulLogins = await _prometheus.QueryAsync("sum(rate(session_logins_total{outcome=\"success\"}[5m]))");
        Assert.True(PrometheusProcess.ValueOf(Assert.Single(successfulLogins)) > 0, "the logins panel shows no successful login");

        // What the checks above rely on: a metric the node does not serve shows nothing, and a broken query is refused.
        Assert.Empty(await _prometheus.QueryAsync("sum by (outcome) (rate(session_no_such_metric_total[5m]))"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _prometheus.QueryAsync("sum by (outcome (rate(session_logins_total[5m]))"));
    }
}
