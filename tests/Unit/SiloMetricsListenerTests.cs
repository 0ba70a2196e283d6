using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SessionService.Silo.Telemetry;
using SessionService.Tests.Support;

namespace SessionService.Tests.Unit;

/// <summary>A silo process's own metrics listener (<c>Metrics:Port</c>), without the rest of the silo.</summary>
public sealed class SiloMetricsListenerTests
{
    [Fact]
    public async Task MetricsPort_ServesPrometheusText_WithTheStorageMeter()
    {
        var port = FreePort.Next();
        using var host = SiloTelemetryHost(new() { ["Metrics:Port"] = port.ToString() });
        await host.StartAsync();
        StorageMetrics.RecordBatch(3);

        using var http = new HttpClient();
        var response = await http.GetAsync($"http://127.0.0.1:{port}/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var scrape = new PrometheusText(await response.Content.ReadAsStringAsync());
        Assert.Contains("session_storage_group_commit_batch_size_count", scrape.Names);
        await host.StopAsync();
    }

    [Fact]
    public async Task Disabled_OpensNoListener_EvenWithAPort()
    {
        var port = FreePort.Next();
        using var host = SiloTelemetryHost(new() { ["Metrics:Port"] = port.ToString(), ["Metrics:Enabled"] = "false" });
        await host.StartAsync();

        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{port}/metrics"));
        await host.StopAsync();
    }

    private static IHost SiloTelemetryHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSiloTelemetry(builder.Configuration);
        return builder.Build();
    }
}
