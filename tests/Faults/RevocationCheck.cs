using System.Diagnostics;
using SessionService.Tests.Support;

namespace SessionService.Tests.Faults;

/// <summary>
/// Every access token whose logout was answered 204 must get 401 <c>obsolete_token</c> from
/// <c>/auth/validate</c> on every API node within one second. Each token is polled on each node from
/// the moment the check starts; polling goes on past the second (up to <see cref="Patience"/>) only
/// to report how late a late one was.
/// </summary>
public sealed class RevocationCheck(IReadOnlyList<Uri> nodes)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly HashSet<string> _checked = [];

    public int Checked => _checked.Count;
    public int RefusedInTime { get; private set; }
    public TimeSpan MaxLatency { get; private set; }
    public List<string> Violations { get; } = [];

    /// <summary>Checks the tokens not checked before.</summary>
    public async Task CheckAsync(IEnumerable<string> loggedOutAccessTokens)
    {
        var tokens = loggedOutAccessTokens.Where(_checked.Add).ToList();
        var clients = nodes.Select(node => new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(10) }).ToList();
        var watch = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(tokens.Select(token => Task.WhenAll(clients.Select(node => UntilRefusedAsync(node, token, watch)))));
        clients.ForEach(client => client.Dispose());
        for (var i = 0; i < tokens.Count; i++)
        {
            var slowest = latencies[i].Max();
            MaxLatency = slowest > MaxLatency ? slowest : MaxLatency;
            if (slowest <= Eventually.Promise)
            {
                RefusedInTime++;
            }
            else
            {
                Violations.Add($"a logout answered 204 was refused on every node only after {Describe(slowest)}, not within {Eventually.Promise.TotalSeconds} s");
            }
        }
    }

    private static string Describe(TimeSpan latency) => latency == TimeSpan.MaxValue ? $"more than {Patience.TotalSeconds} s" : $"{latency.TotalMilliseconds:F0} ms";

    private static async Task<TimeSpan> UntilRefusedAsync(HttpClient node, string accessToken, Stopwatch watch)
    {
        while (watch.Elapsed < Patience)
        {
            try
            {
                var answer = await node.ValidateAsync(accessToken);
                if (answer.StatusCode == System.Net.HttpStatusCode.Unauthorized && await answer.CodeAsync() == "obsolete_token")
                {
                    return watch.Elapsed;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(20);
        }

        return TimeSpan.MaxValue;
    }
}
