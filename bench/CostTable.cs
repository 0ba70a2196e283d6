using System.Net.Http.Json;

namespace SessionService.Bench;

/// <summary>
/// The refresh cost table of docs/PERFORMANCE.md: the node's own CPU per request under load (process
/// user + system time over requests answered) for the trivial endpoint, validate (one token), the grain
/// read and refresh; the stages that need no server timed alone in this process (<see cref="StageCosts"/>);
/// the storage write through an in-process silo (<see cref="StorageWriteCost"/>). The stages are summed and
/// set against the node's measured refresh total.
/// </summary>
internal static class CostTable
{
    public static async Task RunAsync(BenchOptions options)
    {
        var duration = TimeSpan.FromSeconds(options.Seconds);
        if (options.StagesOnly)
        {
            foreach (var (stage, microseconds) in StageCosts.Measure().Concat(StageCosts.Parts()))
            {
                Console.WriteLine($"  {stage,-58} {microseconds,7:F1} µs");
            }

            return;
        }

        NodeCosts node;
        using (var embedded = await EmbeddedNode.StartAsync(options))
        {
            node = await NodeCosts.MeasureAsync(embedded, options, duration);
        }

        Console.WriteLine($"costs: node under load (process CPU / requests, µs): trivial {node.Trivial:F0}, validate same token {node.ValidateSame:F0}, "
            + $"grain read {node.GrainRead:F0}, refresh refused by the grain {node.Refused:F0}, refresh {node.Refresh:F0} ({node.RefreshesPerSecond:F0}/s, p99 {node.RefreshP99:F1} ms)");
        Console.WriteLine($"  refresh in the kernel (system time): {node.RefreshKernel:F0} µs; by node thread (µs per refresh): {string.Join(", ", node.RefreshByThread.Select(t => $"{t.Thread} {t.Microseconds:F0}"))}");
        if (options.NodeOnly)
        {
            return;
        }

        var stages = StageCosts.Measure();
        var (storageCpu, writesPerSecond) = await StorageWriteCost.MeasureAsync(duration);
        var serialization = stages.Single(s => s.Stage == "state serialization").Microseconds;

        Console.WriteLine($"  µs of CPU per refresh by stage ({Environment.ProcessorCount} cores, {Suite.Workers} sessions, {options.Seconds} s per load after a warm-up):");
        var rows = new List<(string Stage, double Microseconds, string Source)>
        {
            ("HTTP (Kestrel, middleware, sockets)", node.Trivial, "node: trivial endpoint"),
        };
        rows.AddRange(stages.Take(2).Select(s => (s.Stage, s.Microseconds, "alone")));
        rows.Add(("grain call (messaging, scheduling)", node.GrainRead - node.ValidateSame, "node: grain read - validate"));
        rows.AddRange(stages.Skip(2).Take(3).Select(s => (s.Stage, s.Microseconds, "alone")));
        rows.Add(("storage write (excl. serialization)", storageCpu - serialization, $"in-process silo, {writesPerSecond:F0} writes/s"));
        rows.AddRange(stages.Skip(5).Select(s => (s.Stage, s.Microseconds, "alone")));
        foreach (var (stage, microseconds, source) in rows)
        {
            Console.WriteLine($"  {stage,-44} {microseconds,7:F1} µs  ({source})");
        }

        foreach (var (part, microseconds) in StageCosts.Parts())
        {
            Console.WriteLine($"    of which {part}: {microseconds:F1} µs");
        }

        var sum = rows.Sum(r => r.Microseconds);
        Console.WriteLine($"  {"sum of stages",-44} {sum,7:F1} µs");
        await PrintNodeOnlyCostsAsync(options, node, sum, rows.Single(r => r.Stage.StartsWith("storage write")).Microseconds);
        // The node's own split at the grain's decision, against the stages alone on either side of it.
        var front = rows.Take(4).Sum(r => r.Microseconds);
        Console.WriteLine($"  front half (HTTP, body, parses, grain call): node's refused refresh {node.Refused:F0} µs vs stages alone {front:F0} µs; "
            + $"back half (rotation, write, issuing, response): node's refresh - refused {node.Refresh - node.Refused:F0} µs vs stages alone {sum - front:F0} µs");
        Console.WriteLine($"  {"node's refresh total",-44} {node.Refresh,7:F1} µs  (sum is {sum / node.Refresh:P0} of it; unexplained {node.Refresh - sum:F0} µs)");
    }

    /// <summary>
    /// What only the running node shows: the write as the node drives it (its batches are far smaller than
    /// 16 writers flat out), the thread hand-offs (a refresh moves HTTP → grain → state writer → grain → HTTP),
    /// the collector and tiered compilation. Threads of their own are the node's own figures (/proc); the
    /// hand-offs and the grain's side of the write are perf shares from <see cref="PerfSplit"/> (a second node
    /// under the same load) of this node's total.
    /// </summary>
    private static async Task PrintNodeOnlyCostsAsync(BenchOptions options, NodeCosts node, double stagesSum, double storageAlone)
    {
        if (await PerfSplit.MeasureAsync(options) is not { } split)
        {
            Console.WriteLine("  (no perf here: the node-only costs are not measured)");
            return;
        }

        double Thread(Func<string, bool> named) => node.RefreshByThread.Where(t => named(t.Thread)).Sum(t => t.Microseconds);
        double Share(string stage) => split.Shares.GetValueOrDefault(stage) * node.Refresh;
        var writer = Thread(t => t.StartsWith("Grain state wri", StringComparison.Ordinal));
        var grainSide = Share(PerfSplit.StorageGrainSide);
        var handOffs = Share(PerfSplit.ThreadPoolKernel) + Share(PerfSplit.ThreadPoolDispatch);
        var collector = Thread(t => t.Contains("GC", StringComparison.Ordinal));
        var compiler = Thread(t => t.StartsWith(".NET Tiered Com", StringComparison.Ordinal));
        Console.WriteLine($"  the node's own figures for what runs differently in it:");
        Console.WriteLine($"  {"storage write as the node drives it",-44} {writer + grainSide,7:F1} µs  (writer thread {writer:F1} by thread + grain side {grainSide:F1} by perf; {storageAlone:F1} alone)");
        Console.WriteLine($"  {"thread hand-offs: pool waking, spinning, dispatch",-44} {handOffs,7:F1} µs  (perf share)");
        Console.WriteLine($"  {"garbage collection",-44} {collector,7:F1} µs  (GC threads)");
        Console.WriteLine($"  {"tiered compilation still running",-44} {compiler,7:F1} µs  (its thread)");
        var all = stagesSum - storageAlone + writer + grainSide + handOffs + collector + compiler;
        Console.WriteLine($"  {"sum with these in place of the write alone",-44} {all,7:F1} µs  ({all / node.Refresh:P0} of the node's total)");
    }

    private sealed record NodeCosts(double Trivial, double ValidateSame, double GrainRead, double Refused, double Refresh, double RefreshesPerSecond, double RefreshP99,
        IReadOnlyList<(string Thread, double Microseconds)> RefreshByThread, double RefreshKernel)
    {
        public static async Task<NodeCosts> MeasureAsync(EmbeddedNode node, BenchOptions options, TimeSpan duration)
        {
            var uri = node.Address;
            var admin = await Api.LoginAsync(uri, options.AdminUser, options.AdminPassword);
            var users = await Task.WhenAll(Enumerable.Range(0, Suite.Workers).Select(i => Api.NewUserAsync(uri, admin.AccessToken, i)));
            var sessions = await Task.WhenAll(users.Select(u => Api.LoginAsync(uri, u, Api.Password)));
            var refreshTokens = sessions.Select(s => s.RefreshToken).ToArray();
            var accessTokens = sessions.Select(s => s.AccessToken).ToArray();

            Task<Figures> Trivial(TimeSpan d) => Load.RunAsync("trivial", Suite.Workers, d, uri, async (_, c) => (await c.GetAsync("/health/live")).IsSuccessStatusCode);
            Task<Figures> Validate(TimeSpan d) => Load.RunAsync("validate", Suite.Workers, d, uri, async (w, c) =>
                (await c.SendAsync(Bearer("/auth/validate", accessTokens[w]))).IsSuccessStatusCode);
            Task<Figures> GrainRead(TimeSpan d) => Load.RunAsync("grain read", Suite.Workers, d, uri, async (w, c) =>
                (await c.SendAsync(Bearer("/auth/sessions", accessTokens[w]))).IsSuccessStatusCode);
            Task<Figures> Refresh(TimeSpan d) => Load.RefreshAsync([uri], refreshTokens, d);

            // A refresh the grain refuses: the worker's session, a secret that does not match. HTTP, the body,
            // both parses, the grain call and the hash, but no rotation, write or issuing.
            Task<Figures> Refused(TimeSpan d) => Load.RunAsync("refresh refused", Suite.Workers, d, uri, async (w, c) =>
            {
                using var response = await c.PostAsJsonAsync("/auth/refresh", new { refresh_token = WithOtherSecret(refreshTokens[w]) });
                return response.StatusCode == System.Net.HttpStatusCode.Unauthorized;
            });

            Task<(double Microseconds, Figures Figures)> CpuPerRequest(Func<TimeSpan, Task<Figures>> load, TimeSpan length) =>
                node.CpuPerRequestAsync(() => load(length));

            // Every path is warmed until refresh, the one that runs most code, costs the same twice.
            var round = TimeSpan.FromSeconds(4);
            var trail = await EmbeddedNode.WarmUntilSteadyAsync(async () =>
            {
                await Trivial(round);
                await Validate(round);
                await GrainRead(round);
                return (await CpuPerRequest(Refresh, round)).Microseconds;
            });
            Console.WriteLine($"costs: warm-up, node CPU per refresh by round of {round.TotalSeconds:F0} s: {string.Join(", ", trail.Select(t => t.ToString("F0")))} µs");

            var trivial = await CpuPerRequest(Trivial, duration);
            var validate = await CpuPerRequest(Validate, duration);
            var grainRead = await CpuPerRequest(GrainRead, duration);
            var refused = await CpuPerRequest(Refused, duration);
            var threadsBefore = node.ThreadTimes();
            var kernelBefore = node.KernelTime();
            var refresh = await CpuPerRequest(Refresh, duration);
            var refreshes = refresh.Figures.SortedLatencies.Length + refresh.Figures.Errors;
            var kernel = (node.KernelTime() - kernelBefore).TotalMicroseconds / refreshes;
            var byThread = node.ThreadTimes()
                .Select(t => (Thread: t.Key, Microseconds: (t.Value - threadsBefore.GetValueOrDefault(t.Key)).TotalMicroseconds / refreshes))
                .Where(t => t.Microseconds >= 0.5)
                .OrderByDescending(t => t.Microseconds)
                .ToList();
            return new NodeCosts(trivial.Microseconds, validate.Microseconds, grainRead.Microseconds, refused.Microseconds, refresh.Microseconds,
                refresh.Figures.RequestsPerSecond, refresh.Figures.Percentile(0.99), byThread, kernel);
        }

        /// <summary>The same token with the first character of its secret (the fourth part) changed: it still parses.</summary>
        private static string WithOtherSecret(string token)
        {
            var secret = token.Split('.')[..3].Sum(part => part.Length + 1);
            return string.Concat(token.AsSpan(0, secret), token[secret] == 'A' ? "B" : "A", token.AsSpan(secret + 1));
        }

        private static HttpRequestMessage Bearer(string path, string token) =>
            new(HttpMethod.Get, path) { Headers = { Authorization = new("Bearer", token) } };
    }
}
