using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace SessionService.Bench;

/// <summary>Everything measured against one embedded node in one run, so the ratios compare like with like.</summary>
internal static class Suite
{
    internal const int Workers = 16;

    public static async Task RunAsync(BenchOptions options)
    {
        using var node = await EmbeddedNode.StartAsync(options);
        var uri = node.Address;
        var admin = await Api.LoginAsync(uri, options.AdminUser, options.AdminPassword);
        var users = await Task.WhenAll(Enumerable.Range(0, Workers).Select(i => Api.NewUserAsync(uri, admin.AccessToken, i)));
        var sessions = await Task.WhenAll(users.Select(u => Api.LoginAsync(uri, u, Api.Password)));
        var round = new Round(uri, users, sessions.Select(s => s.RefreshToken).ToArray(), sessions.Select(s => s.AccessToken).ToArray(), options.Tokens);

        // Tiered compilation keeps recompiling hot code long into a load on two busy cores, so every
        // scenario runs once unreported first.
        await round.RunAsync(TimeSpan.FromSeconds(Math.Min(options.Seconds, 4)));
        var figures = await round.RunAsync(TimeSpan.FromSeconds(options.Seconds));

        var verify = CostAlone.Es256Verification();
        var sign = CostAlone.Es256Signature();
        var hash = PasswordHashAlone();
        var cores = Environment.ProcessorCount;
        Console.WriteLine($"suite: embedded node (Release), {cores} cores, load generator on the same machine, {Workers} workers, {options.Seconds} s each, after a warm-up round");
        var (trivial, _, grainRead, validateDistinct, _, login) = figures;
        foreach (var figure in figures.All)
        {
            figure.Print(trivial);
        }

        // Core time per request: what the node and the load generator spend together on one request.
        double CoreMicroseconds(Figures f) => cores / f.RequestsPerSecond * 1e6;
        var (physicalBusy, physicalIdle) = verify.AddedTo(trivial);
        Console.WriteLine($"  one ES256 verification alone: {verify.OneCoreBusy.TotalMicroseconds:F0} µs on one core, {verify.AllCoresBusy.TotalMicroseconds:F0} µs per core with all {cores} busy; "
            + $"trivial + one verification => {physicalBusy:F0} req/s (all busy) / {physicalIdle:F0} (one busy); "
            + $"validate distinct tokens reaches {validateDistinct.RequestsPerSecond / physicalBusy:F2} / {validateDistinct.RequestsPerSecond / physicalIdle:F2} of that");
        Console.WriteLine($"  core time per request: trivial {CoreMicroseconds(trivial):F0} µs, grain read {CoreMicroseconds(grainRead):F0} µs, refresh {CoreMicroseconds(figures.Refresh):F0} µs; "
            + $"0.35 x trivial allows {CoreMicroseconds(trivial) / 0.35:F0} µs; one ES256 signature alone {sign.OneCoreBusy.TotalMicroseconds:F0} µs ({sign.AllCoresBusy.TotalMicroseconds:F0} all busy)");
        Console.WriteLine($"  one password hash alone (PBKDF2-SHA512, 100000): {hash.TotalMilliseconds:F1} ms; cores / hash => {cores / hash.TotalSeconds:F1} logins/s; "
            + $"login reaches {login.RequestsPerSecond / (cores / hash.TotalSeconds):F2} of that");
    }

    private sealed record RoundFigures(Figures Trivial, Figures ValidateSame, Figures GrainRead, Figures ValidateDistinct, Figures Refresh, Figures Login)
    {
        public Figures[] All => [Trivial, ValidateSame, GrainRead, ValidateDistinct, Refresh, Login];
    }

    /// <summary>Every scenario once, in an order where refresh hands its fresh access tokens to "validate, distinct".</summary>
    private sealed class Round(Uri uri, string[] users, string[] refreshTokens, string[] accessTokens, int distinctTokens)
    {
        public async Task<RoundFigures> RunAsync(TimeSpan duration)
        {
            // Interleaved in slices so that a slow moment of a shared machine hits both alike.
            const int Slices = 4;
            var trivialSlices = new List<Figures>();
            var sameSlices = new List<Figures>();
            var grainReadSlices = new List<Figures>();
            for (var i = 0; i < Slices; i++)
            {
                trivialSlices.Add(await Load.RunAsync("trivial (/health/live)", Workers, duration / Slices, uri, async (_, c) => (await c.GetAsync("/health/live")).IsSuccessStatusCode));
                sameSlices.Add(await Load.RunAsync("validate, same token", Workers, duration / Slices, uri, async (w, c) => (await c.SendAsync(Validate(accessTokens[w]))).IsSuccessStatusCode));
                // A reference for refresh: HTTP, a cached token check and one user-grain call that writes nothing.
                grainReadSlices.Add(await Load.RunAsync("grain read (/auth/sessions)", Workers, duration / Slices, uri, async (w, c) => (await c.SendAsync(Bearer(HttpMethod.Get, "/auth/sessions", accessTokens[w]))).IsSuccessStatusCode));
            }

            var trivial = Figures.Combine(trivialSlices);
            var validateSame = Figures.Combine(sameSlices);
            var grainRead = Figures.Combine(grainReadSlices);

            // "validate, distinct" lasts about a second per 10k tokens, so it runs three times on fresh
            // tokens and the median counts.
            const int DistinctRuns = 3;
            var fresh = new ConcurrentQueue<string>();
            var refresh = await Load.RefreshAsync([uri], refreshTokens, duration, fresh.Enqueue);
            if (fresh.Count < DistinctRuns * distinctTokens)
            {
                await Load.RefreshAsync([uri], refreshTokens, TimeSpan.FromMinutes(5), fresh.Enqueue, until: () => fresh.Count >= DistinctRuns * distinctTokens);
            }

            var distinctRuns = new List<Figures>();
            foreach (var tokens in fresh.Chunk(distinctTokens).Take(DistinctRuns))
            {
                var distinct = new ConcurrentQueue<string>(tokens);
                distinctRuns.Add(await Load.RunAsync($"validate, distinct ({distinct.Count}, median of {DistinctRuns})", Workers, TimeSpan.FromMinutes(5), uri, async (_, c) =>
                    distinct.TryDequeue(out var token) ? (await c.SendAsync(Validate(token))).IsSuccessStatusCode : null));
            }

            var validateDistinct = distinctRuns.OrderBy(f => f.RequestsPerSecond).ElementAt(DistinctRuns / 2);

            var login = await Load.RunAsync("login (/auth/token)", Environment.ProcessorCount * 2, duration, uri, async (w, c) =>
                (await c.PostAsJsonAsync("/auth/token", new { username = users[w], password = Api.Password, device = "bench" })).IsSuccessStatusCode);
            return new RoundFigures(trivial, validateSame, grainRead, validateDistinct, refresh, login);
        }
    }

    private static HttpRequestMessage Validate(string token) => Bearer(HttpMethod.Get, "/auth/validate", token);

    private static HttpRequestMessage Bearer(HttpMethod method, string path, string token) =>
        new(method, path) { Headers = { Authorization = new("Bearer", token) } };

    private static TimeSpan PasswordHashAlone()
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        const int rounds = 10;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            Rfc2898DeriveBytes.Pbkdf2(Api.Password, salt, 100_000, HashAlgorithmName.SHA512, 32);
        }

        return watch.Elapsed / rounds;
    }
}

/// <summary>The Release build of the API, started in a temporary data directory.</summary>
internal sealed class EmbeddedNode : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private EmbeddedNode(Process process, Uri address, string directory)
    {
        _process = process;
        Address = address;
        _directory = directory;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>User and system CPU time the node process has used so far.</summary>
    public TimeSpan ProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>The node's CPU (user + system) per request answered while <paramref name="load"/> ran.</summary>
    public async Task<(double Microseconds, Figures Figures)> CpuPerRequestAsync(Func<Task<Figures>> load)
    {
        var before = ProcessorTime();
        var figures = await load();
        return ((ProcessorTime() - before).TotalMicroseconds / (figures.SortedLatencies.Length + figures.Errors), figures);
    }

    /// <summary>
    /// Runs <paramref name="round"/> (it returns the node's CPU per refresh) until two rounds in a row cost the
    /// same within 5%, at most 20 times: tiered compilation recompiles hot code on a background thread for a
    /// minute and more after start on two busy cores, and that is start-up cost, not a request's.
    /// </summary>
    public static async Task<IReadOnlyList<double>> WarmUntilSteadyAsync(Func<Task<double>> round)
    {
        var trail = new List<double>();
        while (trail.Count < 20 && (trail.Count < 2 || Math.Abs(trail[^1] - trail[^2]) > 0.05 * trail[^1]))
        {
            trail.Add(await round());
        }

        return trail;
    }

    /// <summary>System (kernel) CPU time the node process has used so far.</summary>
    public TimeSpan KernelTime()
    {
        _process.Refresh();
        return _process.PrivilegedProcessorTime;
    }

    /// <summary>CPU time (user + system) of the node's live threads, summed by thread name (<c>/proc/PID/task/*/stat</c>).</summary>
    public Dictionary<string, TimeSpan> ThreadTimes()
    {
        var times = new Dictionary<string, TimeSpan>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue; // the thread ended meanwhile
            }

            // "tid (name) state ...": the name may hold spaces, so the fields count from its closing parenthesis.
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            var name = stat[(open + 1)..close].Trim();
            var fields = stat[(close + 2)..].Split(' ');
            var ticks = long.Parse(fields[11]) + long.Parse(fields[12]); // utime, stime in USER_HZ (100 on Linux)
            times[name] = times.GetValueOrDefault(name) + TimeSpan.FromSeconds(ticks / 100.0);
        }

        return times;
    }

    /// <summary>VmRSS of the node process.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    /// <param name="settings">Further configuration of the node, as environment variables (<c>Section__Name</c>).</param>
    public static async Task<EmbeddedNode> StartAsync(BenchOptions options, IReadOnlyDictionary<string, string>? settings = null)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Cluster.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("Cluster.sln not found");
        }

        var dll = Path.Combine(root, "api", "bin", "Release", "net10.0", "SessionService.Api.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: run `dotnet build -c Release api` first.");
        }

        var directory = Directory.CreateTempSubdirectory("session-bench-").FullName;
        var address = new Uri($"http://127.0.0.1:{Port()}");
        var start = new ProcessStartInfo("dotnet", [dll]) { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true };
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["Storage__Path"] = directory;
        start.Environment["Orleans__SiloPort"] = Port().ToString();
        start.Environment["Admin__Username"] = options.AdminUser;
        start.Environment["Admin__Password"] = options.AdminPassword;
        start.Environment["RateLimit__Enabled"] = "false";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        // BENCH_NODE_ENV="NAME=value ..." passes runtime settings to the node (e.g. DOTNET_gcServer=0).
        foreach (var setting in (Environment.GetEnvironmentVariable("BENCH_NODE_ENV") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var nameAndValue = setting.Split('=', 2);
            start.Environment[nameAndValue[0]] = nameAndValue[1];
        }
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        using var client = new HttpClient { BaseAddress = address };
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return new EmbeddedNode(process, address, directory);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("The node did not become ready.");
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        Directory.Delete(_directory, recursive: true);
    }

    public static int Port()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
