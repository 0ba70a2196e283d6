using System.Collections.Concurrent;
using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Cluster;

/// <summary>SIGTERM, as a service manager or container runtime stops a process: a graceful stop, exit code 0.</summary>
public sealed class GracefulStopTests : IDisposable
{
    private const int Sessions = 16;
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task Sigterm_FinishesInFlightRefreshes_AndExitsZero_WhenNodeIsUnderRefreshLoad()
    {
        // Per session, the tokens in the order the node answered them with 200.
        var chains = new ConcurrentDictionary<int, List<string>>();
        var otherAnswers = new ConcurrentBag<string>();
        var terminated = 0;
        var answeredAfterSignal = 0;
        using (var node = await NodeProcess.StartAsync(_storage.Path))
        {
            using var client = new HttpClient { BaseAddress = node.Address };
            var admin = await client.AdminTokenAsync();
            for (var i = 0; i < Sessions; i++)
            {
                var (name, _) = await client.NewUserAsAsync(admin);
                chains[i] = [(await client.LoginOkAsync(name)).Str("refresh_token")];
            }

            using var started = new CountdownEvent(Sessions);
            var load = Enumerable.Range(0, Sessions).Select(i => Task.Run(async () =>
            {
                using var worker = new HttpClient { BaseAddress = node.Address, Timeout = StopPatience };
                var signalled = false;
                while (true)
                {
                    HttpResponseMessage response;
                    try
                    {
                        response = await worker.RefreshAsync(chains[i][^1]);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return; // no answer: the node has stopped listening
                    }

                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        chains[i].Add((await response.JsonAsync()).Str("refresh_token"));
                        if (Volatile.Read(ref terminated) == 1)
                        {
                            Interlocked.Increment(ref answeredAfterSignal);
                        }
                    }
                    else
                    {
                        otherAnswers.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }

                    if (!signalled)
                    {
                        signalled = true;
                        started.Signal();
                    }
                }
            })).ToArray();

            started.Wait(TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1));
            node.Terminate();
            Volatile.Write(ref terminated, 1);
            Assert.Equal(0, await node.WaitForExitAsync(StopPatience));
            await Task.WhenAll(load).WaitAsync(StopPatience);
        }

        Assert.True(otherAnswers.IsEmpty, $"answers other than 200 during the stop: {string.Join(" | ", otherAnswers.Take(5))}");
        Assert.All(chains.Values, chain => Assert.True(chain.Count > 2, $"only {chain.Count - 1} refreshes before SIGTERM"));
        Assert.True(answeredAfterSignal > 0, "no refresh in flight at SIGTERM was answered");
        Console.WriteLine($"sigterm: {chains.Values.Sum(c => c.Count - 1)} refreshes answered 200, {answeredAfterSignal} of them after the signal");
        using var restarted = await NodeProcess.StartAsync(_storage.Path);
        using var after = new HttpClient { BaseAddress = restarted.Address };
        foreach (var chain in chains.Values)
        {
            // The last token answered 200 works once; the one it replaced is then reuse.
            Assert.Equal(HttpStatusCode.OK, (await after.RefreshAsync(chain[^1])).StatusCode);
            await (await after.RefreshAsync(chain[^2])).AssertProblemAsync(HttpStatusCode.Unauthorized, "obsolete_refresh_token");
        }
    }

    [Fact]
    public async Task Sigterm_ExitsZero_WhenSiloProcessRuns()
    {
        using var silo = await SiloProcess.StartAsync(_storage.Path);

        silo.Terminate();

        Assert.Equal(0, await silo.WaitForExitAsync(StopPatience));
    }

    [Fact]
    public async Task Sigterm_ExitsZero_WhenSiloIsStillStarting()
    {
        using var silo = await SiloProcess.StartAsync(_storage.Path, untilStarted: false);

        silo.Terminate();

        Assert.Equal(0, await silo.WaitForExitAsync(StopPatience));
    }
}
