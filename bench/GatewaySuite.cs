using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SessionService.Bench;

/// <summary>
/// The gateway on its own embedded node, with a proxy route to an upstream in this process: forward
/// auth (<c>/gateway/verify</c>) with a repeated and with distinct HS256 and ES256 tokens, and the
/// built-in proxy against calling the upstream directly. Ratios are to the trivial endpoint measured
/// in the same round, as in <see cref="Suite"/>.
/// </summary>
internal static class GatewaySuite
{
    private const string ProxiedPath = "/proxied/orders/42";

    public static async Task RunAsync(BenchOptions options)
    {
        await using var upstream = await GatewayUpstream.StartAsync();
        using var node = await EmbeddedNode.StartAsync(options, new Dictionary<string, string>
        {
            ["Gateway__Routes__0__Path"] = "/proxied/{**rest}",
            ["Gateway__Routes__0__Upstream"] = upstream.Address.ToString(),
        });
        var admin = await Api.LoginAsync(node.Address, options.AdminUser, options.AdminPassword);
        var consumer = await GatewayConsumer.CreateAsync(node.Address, admin.AccessToken);
        var round = new Round(node.Address, upstream.Address, consumer, options.Tokens);

        // As in Suite: once unreported, so that tiered compilation has settled when it counts.
        await round.RunAsync(TimeSpan.FromSeconds(Math.Min(options.Seconds, 4)));
        var figures = await round.RunAsync(TimeSpan.FromSeconds(options.Seconds));

        Console.WriteLine($"gateway: embedded node (Release), {Environment.ProcessorCount} cores, upstream and load generator in this process, {Suite.Workers} workers, {options.Seconds} s each, after a warm-up round");
        foreach (var figure in figures.All)
        {
            figure.Print(figures.Trivial);
        }

        PrintDistinct("HS256", GatewayCosts.Hs256Verification(), figures.Trivial, figures.DistinctHs256);
        PrintDistinct("ES256", CostAlone.Es256Verification(), figures.Trivial, figures.DistinctEs256);
        var (direct, proxied) = (figures.UpstreamDirect, figures.Proxied);
        var addedMicroseconds = Environment.ProcessorCount * (1 / proxied.RequestsPerSecond - 1 / direct.RequestsPerSecond) * 1e6;
        Console.WriteLine($"  built-in proxy: upstream direct {direct.RequestsPerSecond:F0} req/s, through the node (HS256 verified) {proxied.RequestsPerSecond:F0} req/s "
            + $"=> {proxied.RequestsPerSecond / direct.RequestsPerSecond:F2} x direct; the node adds {addedMicroseconds:F0} µs of core time per request");
    }

    private static void PrintDistinct(string algorithm, CostAlone verification, Figures trivial, Figures distinct)
    {
        var (allBusy, oneBusy) = verification.AddedTo(trivial);
        Console.WriteLine($"  one {algorithm} verification alone: {verification.OneCoreBusy.TotalMicroseconds:F1} µs on one core, {verification.AllCoresBusy.TotalMicroseconds:F1} µs per core with all busy; "
            + $"trivial + one verification => {allBusy:F0} req/s (all busy) / {oneBusy:F0} (one busy); "
            + $"verify distinct {algorithm} reaches {distinct.RequestsPerSecond / allBusy:F2} / {distinct.RequestsPerSecond / oneBusy:F2} of that");
    }

    private sealed record RoundFigures(
        Figures Trivial, Figures SameHs256, Figures SameEs256, Figures DistinctHs256, Figures DistinctEs256, Figures UpstreamDirect, Figures Proxied)
    {
        public Figures[] All => [Trivial, SameHs256, SameEs256, DistinctHs256, DistinctEs256, UpstreamDirect, Proxied];
    }

    private sealed class Round(Uri node, Uri upstream, GatewayConsumer consumer, int distinctTokens)
    {
        private long _serial;

        public async Task<RoundFigures> RunAsync(TimeSpan duration)
        {
            var hs256 = consumer.Hs256.Token();
            var es256 = consumer.Es256.Token();

            // Interleaved in slices, as in Suite, so that a slow moment of a shared machine hits all alike.
            const int Slices = 4;
            var trivial = new List<Figures>();
            var sameHs256 = new List<Figures>();
            var sameEs256 = new List<Figures>();
            var direct = new List<Figures>();
            var proxied = new List<Figures>();
            for (var i = 0; i < Slices; i++)
            {
                trivial.Add(await Load.RunAsync("trivial (/health/live)", Suite.Workers, duration / Slices, node, async (_, c) => (await c.GetAsync("/health/live")).IsSuccessStatusCode));
                sameHs256.Add(await Load.RunAsync("verify HS256, same", Suite.Workers, duration / Slices, node, async (_, c) => (await c.SendAsync(Verify(hs256))).IsSuccessStatusCode));
                sameEs256.Add(await Load.RunAsync("verify ES256, same", Suite.Workers, duration / Slices, node, async (_, c) => (await c.SendAsync(Verify(es256))).IsSuccessStatusCode));
                direct.Add(await Load.RunAsync("upstream, direct", Suite.Workers, duration / Slices, upstream, async (_, c) => (await c.GetAsync(ProxiedPath)).IsSuccessStatusCode));
                proxied.Add(await Load.RunAsync("upstream, via proxy", Suite.Workers, duration / Slices, node, async (_, c) => (await c.SendAsync(Bearer(ProxiedPath, hs256))).IsSuccessStatusCode));
            }

            return new RoundFigures(
                Figures.Combine(trivial),
                Figures.Combine(sameHs256),
                Figures.Combine(sameEs256),
                await DistinctAsync(consumer.Hs256),
                await DistinctAsync(consumer.Es256),
                Figures.Combine(direct),
                Figures.Combine(proxied));
        }

        /// <summary>As "validate, distinct" in Suite: three runs, each on its own fresh tokens until they are used up; the median counts.</summary>
        private async Task<Figures> DistinctAsync(GatewaySigner signer)
        {
            const int Runs = 3;
            var runs = new List<Figures>();
            for (var run = 0; run < Runs; run++)
            {
                var tokens = new ConcurrentQueue<string>(signer.DistinctTokens(distinctTokens, Interlocked.Add(ref _serial, distinctTokens)));
                runs.Add(await Load.RunAsync($"verify {signer.Algorithm}, distinct ({distinctTokens}, median of {Runs})", Suite.Workers, TimeSpan.FromMinutes(5), node, async (_, c) =>
                    tokens.TryDequeue(out var token) ? (await c.SendAsync(Verify(token))).IsSuccessStatusCode : null));
            }

            return runs.OrderBy(f => f.RequestsPerSecond).ElementAt(Runs / 2);
        }
    }

    /// <summary>What nginx <c>auth_request</c> sends: the original request named in headers, the token as it came.</summary>
    private static HttpRequestMessage Verify(string token)
    {
        var request = Bearer("/gateway/verify", token);
        request.Headers.Add("X-Original-URI", ProxiedPath);
        request.Headers.Add("X-Original-Method", "GET");
        return request;
    }

    private static HttpRequestMessage Bearer(string path, string token) =>
        new(HttpMethod.Get, path) { Headers = { Authorization = new("Bearer", token) } };
}
