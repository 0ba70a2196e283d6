using System.Diagnostics;

namespace SessionService.Bench;

/// <summary>A closed-loop load: each worker sends its next request when the last one answered.</summary>
internal static class Load
{
    /// <summary>Runs <paramref name="step"/> on every worker until the time is up or it returns null (nothing left).</summary>
    public static async Task<Figures> RunAsync(string name, int workers, TimeSpan duration, Uri node, Func<int, HttpClient, Task<bool?>> step)
    {
        var latencies = new List<double>[workers];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            using var client = Clients.New(node);
            var mine = latencies[w] = [];
            while (clock.Elapsed < duration)
            {
                var watch = Stopwatch.StartNew();
                var ok = await step(w, client);
                if (ok is null)
                {
                    return;
                }

                if (ok.Value)
                {
                    mine.Add(watch.Elapsed.TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return new Figures(name, latencies.SelectMany(l => l).Order().ToArray(), clock.Elapsed, errors);
    }

    /// <summary>Each worker chains its own session's refresh tokens; every new access token goes to <paramref name="onAccessToken"/>.</summary>
    public static Task<Figures> RefreshAsync(Uri[] nodes, string[] tokens, TimeSpan duration, Action<string>? onAccessToken = null, Func<bool>? until = null) =>
        RunAsync("refresh", tokens.Length, duration, nodes[0], async (w, client) =>
        {
            if (until?.Invoke() == true)
            {
                return null;
            }

            if (nodes.Length > 1)
            {
                client = Clients.For(nodes[w % nodes.Length]);
            }

            var next = await Api.RefreshAsync(client, tokens[w]);
            if (next is { } rotated)
            {
                tokens[w] = rotated.RefreshToken;
                onAccessToken?.Invoke(rotated.AccessToken);
            }

            return next is not null;
        });
}

internal static class Clients
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Uri, HttpClient> ByNode = new();

    /// <summary>One client per node for multi-node runs.</summary>
    public static HttpClient For(Uri node) => ByNode.GetOrAdd(node, New);

    /// <summary>
    /// A load client keeps no cookie jar: the workers pass tokens in the body, as an API client does; with a jar
    /// every refresh would also send the last rotated refresh cookie back, which such a client never sends.
    /// </summary>
    public static HttpClient New(Uri node) => new(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = node };
}

internal sealed record Figures(string Name, double[] SortedLatencies, TimeSpan Elapsed, int Errors)
{
    public double RequestsPerSecond => SortedLatencies.Length / Elapsed.TotalSeconds;

    /// <summary>Slices of one scenario as if they had run in one piece.</summary>
    public static Figures Combine(IReadOnlyList<Figures> slices) => new(
        slices[0].Name,
        slices.SelectMany(f => f.SortedLatencies).Order().ToArray(),
        TimeSpan.FromTicks(slices.Sum(f => f.Elapsed.Ticks)),
        slices.Sum(f => f.Errors));

    public double Percentile(double p) =>
        SortedLatencies.Length == 0 ? 0 : SortedLatencies[(int)Math.Min(SortedLatencies.Length - 1, p * SortedLatencies.Length)];

    public void Print(Figures? baseline)
    {
        var ratio = baseline is null ? "" : $"  {RequestsPerSecond / baseline.RequestsPerSecond:F2} x trivial";
        Console.WriteLine($"  {Name,-22} {RequestsPerSecond,8:F0} req/s  p50 {Percentile(0.50),6:F2} ms  p99 {Percentile(0.99),6:F2} ms  errors {Errors}{ratio}");
    }
}
