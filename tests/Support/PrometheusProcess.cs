using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace SessionService.Tests.Support;

/// <summary>
/// Debian's Prometheus on a loopback port, scraping one node's <c>/metrics</c> every second into a
/// temporary data directory, queried through its HTTP API as Grafana queries it.
/// </summary>
public sealed class PrometheusProcess : IDisposable
{
    private readonly ListeningProcess _process;
    private readonly TempDirectory _directory;
    private readonly HttpClient _client;

    private PrometheusProcess(ListeningProcess process, TempDirectory directory)
    {
        _process = process;
        _directory = directory;
        _client = new HttpClient { BaseAddress = process.Address };
    }

    /// <summary>What Prometheus logged so far, for failure messages.</summary>
    public string Log => _process.Log;

    public static async Task<PrometheusProcess> StartAsync(Uri target)
    {
        var binary = ListeningProcess.FindBinary("prometheus", "prometheus");
        var directory = new TempDirectory();
        var config = Path.Combine(directory.Path, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: api
                metrics_path: /metrics
                static_configs:
                  - targets: ["{target.Authority}"]
            """);
        var port = FreePort.Next();
        var start = new ProcessStartInfo(binary,
        [
            "--config.file=" + config,
            "--storage.tsdb.path=" + Path.Combine(directory.Path, "data"),
            "--web.listen-address=127.0.0.1:" + port,
        ]);
        PrometheusProcess? prometheus = null;
        try
        {
            prometheus = new PrometheusProcess(await ListeningProcess.StartAsync(start, port), directory);
            await prometheus.WaitUntilReadyAsync();
            return prometheus;
        }
        catch
        {
            if (prometheus is null)
            {
                directory.Dispose();
            }
            else
            {
                prometheus.Dispose();
            }

            throw;
        }
    }

    /// <summary>The instant query's result vector; fails with Prometheus' own error when the query is refused.</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string promql)
    {
        using var response = await _client.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused {promql}: {body}");
        }

        return body.GetProperty("data").GetProperty("result").EnumerateArray().ToList();
    }

    /// <summary>Waits until Prometheus scraped the node successfully <paramref name="more"/> more times than it had when called.</summary>
    public async Task WaitForNewScrapesAsync(int more)
    {
        var target = await SuccessfulScrapesAsync() + more;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await SuccessfulScrapesAsync() < target)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Prometheus did not scrape the node {more} more times:\n{Log}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Prometheus listens before its storage is open and answers 503 until then.</summary>
    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await _client.GetAsync("/-/ready");
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Prometheus did not become ready ({(int)response.StatusCode}):\n{Log}");
            }

            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _process.Dispose();
        _directory.Dispose();
    }

    private async Task<double> SuccessfulScrapesAsync()
    {
        var scrapes = await QueryAsync("sum_over_time(up[1h])");
        return scrapes.Count == 0 ? 0 : ValueOf(scrapes[0]);
    }

    /// <summary>The number in one sample of an instant query's answer (Prometheus sends it as a string).</summary>
    public static double ValueOf(JsonElement sample) =>
        double.Parse(sample.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
