using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Metrics;

/// <summary>One embedded node with the default metrics settings, shared by a test class.</summary>
public sealed class MetricsNode : IAsyncLifetime
{
    public OwnNode Node { get; private set; } = null!;

    public HttpClient Client => Node.Client;

    public Task InitializeAsync()
    {
        Node = new OwnNode();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Node.DisposeAsync().AsTask();

    public Task<PrometheusText> ScrapeAsync() => PrometheusText.ScrapeAsync(Client);

    /// <summary>Scrapes until <paramref name="moved"/> holds, for measurements taken just after the answer a test waited for.</summary>
    public async Task<PrometheusText> ScrapeUntilAsync(Func<PrometheusText, bool> moved)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var scrape = await ScrapeAsync();
        while (!moved(scrape) && watch.Elapsed < Eventually.Promise)
        {
            await Task.Delay(20);
            scrape = await ScrapeAsync();
        }

        return scrape;
    }
}
