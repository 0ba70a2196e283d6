using System.Diagnostics;
using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Cluster;

/// <summary>
/// The revocation authority's silo killed outright: the authority comes back on the other silo, and
/// a revocation answered there must still reach every API node within the promised second.
/// </summary>
public sealed class AuthorityFailoverTests
{
    /// <summary>Logouts spread over the first half minute after the kill, the span the periodic resync used to cover alone.</summary>
    private static readonly TimeSpan[] LogoutDelays = [TimeSpan.Zero, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];

    [Fact]
    public async Task Logout_IsRefusedOnEveryNodeWithinOneSecond_WhenTheAuthoritysSiloWasKilled()
    {
        await using var cluster = await LocalCluster.UpAsync();
        using var node1 = cluster.ClientFor(cluster.Api1);
        using var node2 = cluster.ClientFor(cluster.Api2);
        HttpClient[] nodes = [node1, node2];
        var sessions = new List<(string Access, string Refresh)>();
        foreach (var delay in LogoutDelays)
        {
            var (name, _) = await node1.NewUserAsync();
            var login = await nodes[sessions.Count % 2].LoginOkAsync(name);
            sessions.Add((login.Str("access_token"), login.Str("refresh_token")));
        }

        var victim = await AuthorityHost.FindSiloPidAsync(cluster);
        Process.GetProcessById(victim).Kill();
        var sinceKill = Stopwatch.StartNew();

        // Ready pings the authority: once both nodes say so, it is active again on the surviving silo.
        foreach (var node in nodes)
        {
            while ((await node.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
            {
                Assert.True(sinceKill.Elapsed < TimeSpan.FromSeconds(60), "the cluster did not recover in 60 s");
                await Task.Delay(100);
            }
        }

        var recoveredAt = sinceKill.Elapsed;
        for (var i = 0; i < sessions.Count; i++)
        {
            var wait = recoveredAt + LogoutDelays[i] - sinceKill.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var (access, refresh) = sessions[i];
            Assert.Equal(HttpStatusCode.OK, (await node1.ValidateAsync(access)).StatusCode);
            var logout = await nodes[(i + 1) % 2].PostAsync("/auth/logout", new { refresh_token = refresh });
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
            var answeredAt = sinceKill.Elapsed;
            var refusedAfter = await Task.WhenAll(nodes.Select(node => Eventually.ProblemAsync(() => node.ValidateAsync(access), "obsolete_token")));
            Console.WriteLine($"authority failover: logout answered {answeredAt.TotalSeconds:F1} s after kill -9, "
                + $"refused on both nodes {refusedAfter.Max().TotalMilliseconds:F0} ms later");
        }
    }
}
