using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Faults;

/// <summary>
/// After recovery, with the load stopped: each client's last refresh token answered 200 still
/// refreshes (200), a second use of it inside the grace window gets the same successor on another
/// node (no fork), and the token before it is reuse (401 <c>obsolete_refresh_token</c>).
/// </summary>
public static class DurabilityCheck
{
    /// <summary>How many clients had a session to check, and how many of those kept every promise; adds a line per broken one.</summary>
    public static async Task<(int Checked, int Durable)> CheckAsync(IReadOnlyList<VirtualClient> clients, IReadOnlyList<Uri> nodes, List<string> violations)
    {
        using var first = new HttpClient { BaseAddress = nodes[0], Timeout = TimeSpan.FromSeconds(15) };
        using var second = new HttpClient { BaseAddress = nodes[^1], Timeout = TimeSpan.FromSeconds(15) };
        var checkedSessions = 0;
        var before = violations.Count;
        var durable = 0;
        foreach (var client in clients.Where(c => c.Chain.Count > 0))
        {
            checkedSessions++;
            before = violations.Count;
            var label = $"client {client.Number} (session with {client.Chain.Count - 1} refreshes answered 200)";
            var use = await first.RefreshAsync(client.Chain[^1]);
            if (use.StatusCode != HttpStatusCode.OK)
            {
                violations.Add($"{label}: its last token answered 200 now answers {(int)use.StatusCode} {await use.CodeAsync()}: the rotation was lost");
                continue;
            }

            var retry = await second.RefreshAsync(client.Chain[^1]);
            var successor = (await use.JsonAsync()).Str("refresh_token");
            if (retry.StatusCode != HttpStatusCode.OK || (await retry.JsonAsync()).Str("refresh_token") != successor)
            {
                violations.Add($"{label}: a second use of its last token inside the grace window answered {(int)retry.StatusCode} {await retry.CodeAsync()}, not the same successor: the session forked");
            }

            if (client.Chain.Count >= 2)
            {
                var reuse = await first.RefreshAsync(client.Chain[^2]);
                var code = await reuse.CodeAsync();
                if (reuse.StatusCode != HttpStatusCode.Unauthorized || code != "obsolete_refresh_token")
                {
                    violations.Add($"{label}: the token before its last answered {(int)reuse.StatusCode} {code}, not 401 obsolete_refresh_token");
                }
            }

            durable += violations.Count == before ? 1 : 0;
        }

        return (checkedSessions, durable);
    }
}
