using System.Diagnostics;
using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Cluster;

/// <summary>Clusters of their own: a silo killed outright, a full restart, a grace of zero.</summary>
public sealed class ClusterFailureTests
{
    [Fact]
    public async Task KilledSilo_LosesNoSession_AndFullRestartKeepsAllState()
    {
        await using var cluster = await LocalCluster.UpAsync();
        using var node1 = cluster.ClientFor(cluster.Api1);
        using var node2 = cluster.ClientFor(cluster.Api2);
        var sessions = new List<(string Name, string RefreshToken)>();
        var admin = await node1.AdminTokenAsync();
        for (var i = 0; i < 20; i++)
        {
            var (name, _) = await node1.NewUserAsAsync(admin);
            var login = await (i % 2 == 0 ? node1 : node2).LoginOkAsync(name);
            sessions.Add((name, login.Str("refresh_token")));
        }

        Process.GetProcessById(cluster.Silo1Pid).Kill();

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < sessions.Count; i++)
        {
            var next = await RefreshUntilServedAsync(i % 2 == 0 ? node1 : node2, sessions[i].RefreshToken, TimeSpan.FromSeconds(60));
            sessions[i] = (sessions[i].Name, next);
        }

        await UntilServedAsync(() => node1.LoginAsync(sessions[0].Name), TimeSpan.FromSeconds(60));
        await UntilServedAsync(() => node2.LoginAsync(sessions[1].Name), TimeSpan.FromSeconds(60));
        Console.WriteLine($"After the kill, all 20 sessions refreshed and logins worked on both nodes within {watch.Elapsed.TotalSeconds:F1} s.");

        await cluster.RestartAsync();
        using var again1 = cluster.ClientFor(cluster.Api1);
        using var again2 = cluster.ClientFor(cluster.Api2);
        foreach (var (name, token) in sessions)
        {
            Assert.Equal(HttpStatusCode.OK, (await again1.RefreshAsync(token)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await again2.LoginAsync(sessions[2].Name)).StatusCode);

        // With no silo left, API nodes stay up but say they are not ready.
        Assert.Equal(HttpStatusCode.OK, (await again1.GetAsync("/health/ready")).StatusCode);
        Process.GetProcessById(cluster.Silo1Pid).Kill();
        Process.GetProcessById(cluster.Silo2Pid).Kill();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await again1.GetAsync("/health/ready")).StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            Assert.True(DateTime.UtcNow < deadline, "/health/ready still answered 200 30 s after the last silo died");
            await Task.Delay(200);
        }

        Assert.Equal(HttpStatusCode.OK, (await again1.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task ZeroGrace_ExactlyOneOfFortyConcurrentRefreshesSucceeds_AcrossBothNodes()
    {
        await using var cluster = await LocalCluster.UpAsync(new Dictionary<string, string> { ["Auth__RefreshReuseGrace"] = "00:00:00" });
        using var node1 = cluster.ClientFor(cluster.Api1);
        using var node2 = cluster.ClientFor(cluster.Api2);
        var (name, _) = await node1.NewUserAsync();
        var login = await node1.LoginOkAsync(name);
        using var start = new SemaphoreSlim(0);

        var calls = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await (i % 2 == 0 ? node1 : node2).RefreshAsync(login.Str("refresh_token"));
        })).ToArray();
        start.Release(calls.Length);
        var responses = await Task.WhenAll(calls);

        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, r.StatusCode.ToString()));
        var codes = await Task.WhenAll(responses.Where(r => r != winner).Select(r => r.CodeAsync()));
        Assert.Contains("obsolete_refresh_token", codes);
        Assert.All(codes, c => Assert.Contains(c, new[] { "obsolete_refresh_token", "invalid_refresh_token" }));
        await (await node2.RefreshAsync((await winner.JsonAsync()).Str("refresh_token")))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        await Eventually.ProblemAsync(() => node1.ValidateAsync(login.Str("access_token")), "obsolete_token");
    }

    private static async Task<string> RefreshUntilServedAsync(HttpClient node, string token, TimeSpan patience) =>
        (await (await UntilServedAsync(() => node.RefreshAsync(token), patience)).JsonAsync()).Str("refresh_token");

    /// <summary>
    /// Until the dead silo is declared dead (a few seconds), calls that reach it fail with 503 and the
    /// client retries; retrying a refresh with the same token is safe (the grace window).
    /// </summary>
    private static async Task<HttpResponseMessage> UntilServedAsync(Func<Task<HttpResponseMessage>> call, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                var response = await call();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return response;
                }

                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, "the cluster did not serve the session again in time");
            await Task.Delay(200);
        }
    }
}
