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
        var polls = await Task.WhenAll(tokens.Select(token => Task.WhenAll(clients.Select(node => UntilRefusedAsync(node, token, watch)))));
        clients.ForEach(client => client.Dispose());
        foreach (var token in polls)
        {
            var slowest = token.MaxBy(poll => poll.Latency);
            MaxLatency = slowest.Latency > MaxLatency ? slowest.Latency : MaxLatency;
            if (slowest.Latency <= Eventually.Promise)
            {
                RefusedInTime++;
            }
            else
            {
                Violations.Add(slowest.Latency == TimeSpan.MaxValue
                    ? $"a logout answered 204 was not refused by {slowest.Node} in {Patience.TotalSeconds} s: /auth/validate still answered {slowest.LastAnswer}"
                    : $"a logout answered 204 was refused by {slowest.Node} only after {slowest.Latency.TotalMilliseconds:F0} ms, not within {Eventually.Promise.TotalSeconds} s");
            }
        }
    }

    private static async Task<Poll> UntilRefusedAsync(HttpClient node, string accessToken, Stopwatch watch)
    {
        var last = "nothing";
        while (watch.Elapsed < Patience)
        {
            try
            {
                var answer = await node.ValidateAsync(accessToken);
                var code = await answer.CodeAsync();
                if (answer.StatusCode == System.Net.HttpStatusCode.Unauthorized && code == "obsolete_token")
                {
                    return new Poll(node.BaseAddress!, watch.Elapsed, "obsolete_token");
                }

                last = $"{(int)answer.StatusCode} {code}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = "no answer";
            }

            await Task.Delay(20);
        }

        return new Poll(node.BaseAddress!, TimeSpan.MaxValue, last);
    }

    /// <summary>One token polled on one node: when it was first refused (<see cref="TimeSpan.MaxValue"/>: never), and the last answer.</summary>
    private readonly record struct Poll(Uri Node, TimeSpan Latency, string LastAnswer);
}
