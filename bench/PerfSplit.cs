using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SessionService.Bench;

/// <summary>
/// Where a refresh's CPU goes inside the node, by stage: <c>perf record -g</c> on an embedded node under the
/// 16-session refresh load (JIT frames named through the runtime's perf map), each sample put in the stage of
/// the service's or library's frames on its stack, each stage's share of samples times the node's CPU per
/// refresh. The stages add up to the node's total by construction, so what this adds to <see cref="CostTable"/>
/// is the costs that exist only in the running node (thread hand-offs, the write as the node drives it, the
/// runtime) next to the stages that also run alone.
/// </summary>
internal static partial class PerfSplit
{
    /// <summary>
    /// The service's stages by the frames they run. A pool thread's sample goes to the one whose frame is nearest
    /// its leaf (JSON, crypto and collection code count for whoever called them), looking only as far as the
    /// frame where a finished task ran its continuations inline: below that, the stack belongs to whatever
    /// finished the task (a write's completion, say, under everything the grain does after it).
    /// </summary>
    private static readonly (string Stage, Regex Frame)[] ServiceStages =
    [
        ("access token issuing (managed part)", Frames(@"AccessTokenIssuer::|SessionIssuing")),
        ("rotation: mint, hash, seal (managed part)", Frames(@"RefreshRotationPolicy::Rotate|SuccessorSeal|AesGcmSeal")),
        ("token parsing and hashing (managed part)", Frames(@"RefreshToken::|PresentedRefreshToken|RefreshRotationPolicy::|UserGrain::FindSession")),
        ("state serialization", Frames(@"SqliteGrainStateStorage::Serialize|OrleansGrainStorageSerializer|OrleansCodeGen\S*\.Codec_")),
        (StorageGrainSide, Frames(@"SqliteGrainStateStorage|StateStorageBridge|StorageFailureTranslation|StateWrites|Storage\.StateChange")),
        ("body parsing and client info", Frames(@"RequestFields|ClientRequest|DeviceFieldsReader")),
        ("response and cookie", Frames(@"SetRefreshCookie|HttpResultsHelper|ResponseCookies|NoStore|TokenResponse")),
        ("metrics (OpenTelemetry)", Frames(@"OpenTelemetry|System\.Diagnostics\.Metrics")),
        ("grain bookkeeping (the grain's own code)", Frames(@"\] SessionService\.Grains\.")),
    ];

    /// <summary>Where no service stage is on the (same continuation's) stack: the library whose frame is nearest the leaf.</summary>
    private static readonly (string Stage, Regex Frame)[] LibraryStages =
    [
        ("grain call (Orleans messaging, scheduling, copies)", Frames(@"\[Orleans\.|OrleansCodeGen")),
        ("HTTP (Kestrel, ASP.NET Core middleware, endpoint)", Frames(@"Microsoft\.AspNetCore|System\.Net\.Sockets|System\.IO\.Pipelines|SessionService\.Api\.")),
    ];

    private static readonly Regex ContinuationBoundary = Frames(@"Task::RunContinuations|AwaitTaskContinuation::RunOrScheduleAction|TaskSchedulerAwaitTaskContinuation");

    public const string ThreadPoolKernel = "thread pool: waiting, waking, spinning (kernel)";
    public const string ThreadPoolDispatch = "thread pool: dispatch and runtime";
    public const string GarbageCollection = "runtime: garbage collection";
    public const string StorageGrainSide = "storage, grain side (queue, await, ETag)";

    public static async Task RunAsync(BenchOptions options)
    {
        if (await MeasureAsync(options) is not { } split)
        {
            Console.WriteLine("profile: needs perf (Debian: apt-get install linux-perf) and permission to profile other processes (root, or kernel.perf_event_paranoid <= 1).");
            return;
        }

        Console.WriteLine("  by stage (µs of CPU per refresh, share of the samples):");
        foreach (var (stage, share) in split.Shares.OrderByDescending(s => s.Value))
        {
            Console.WriteLine($"  {stage,-58} {share * split.CpuPerRefresh,6:F1} µs  {share,6:P1}");
        }
    }

    /// <summary>The node's CPU per refresh under perf and each stage's share of it; null when perf is not there.</summary>
    public static async Task<(double CpuPerRefresh, Dictionary<string, double> Shares)?> MeasureAsync(BenchOptions options)
    {
        if (!await PerfAvailableAsync())
        {
            return null;
        }

        var settings = new Dictionary<string, string> { ["DOTNET_PerfMapEnabled"] = "1", ["DOTNET_EnableWriteXorExecute"] = "0" };
        using var node = await EmbeddedNode.StartAsync(options, settings);
        var admin = await Api.LoginAsync(node.Address, options.AdminUser, options.AdminPassword);
        var tokens = await Api.NewSessionsAsync(node.Address, admin.AccessToken, Suite.Workers);

        var round = TimeSpan.FromSeconds(4);
        var trail = await EmbeddedNode.WarmUntilSteadyAsync(async () =>
            (await node.CpuPerRequestAsync(() => Load.RefreshAsync([node.Address], tokens, round))).Microseconds);
        Console.WriteLine($"profile: warm-up, node CPU per refresh by round of {round.TotalSeconds:F0} s: {string.Join(", ", trail.Select(t => t.ToString("F0")))} µs");
        var data = Path.Combine(Path.GetTempPath(), $"session-bench-perf-{node.ProcessId}.data");
        var seconds = options.Seconds;
        var (cpuPerRefresh, figures) = await node.CpuPerRequestAsync(async () =>
        {
            var load = Load.RefreshAsync([node.Address], tokens, TimeSpan.FromSeconds(seconds + 2));
            await Task.Delay(TimeSpan.FromSeconds(1));
            await RunProcessAsync("perf", ["record", "-F", "999", "-g", "-p", node.ProcessId.ToString(), "-o", data, "--", "sleep", seconds.ToString()]);
            return await load;
        });

        var split = Split(await RunProcessAsync("perf", ["script", "-i", data]));
        File.Delete(data);
        Console.WriteLine($"profile: node CPU per refresh under perf {cpuPerRefresh:F0} µs ({figures.RequestsPerSecond:F0}/s, {split.Samples} samples)");
        return (cpuPerRefresh, split.Shares);
    }

    /// <summary>Shares of the samples by stage, from <c>perf script</c> output.</summary>
    internal static (int Samples, Dictionary<string, double> Shares) Split(string perfScript)
    {
        var counts = new Dictionary<string, int>();
        var samples = 0;
        foreach (var sample in perfScript.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = sample.Split('\n');
            var stage = StageOf(ThreadOf(lines[0]), lines.Skip(1).Select(l => l.Trim()).ToArray());
            counts[stage] = counts.GetValueOrDefault(stage) + 1;
            samples++;
        }

        return (samples, counts.ToDictionary(c => c.Key, c => (double)c.Value / Math.Max(1, samples)));
    }

    private static string StageOf(string thread, string[] frames)
    {
        if (thread.StartsWith("Grain state wri", StringComparison.Ordinal))
        {
            return "storage, writer thread (SQLite, fsync)";
        }

        if (thread.Contains("GC", StringComparison.Ordinal))
        {
            return GarbageCollection;
        }

        if (thread.StartsWith(".NET Tiered Com", StringComparison.Ordinal))
        {
            return "runtime: tiered compilation";
        }

        if (thread.StartsWith(".NET Sockets", StringComparison.Ordinal))
        {
            return "HTTP (Kestrel, ASP.NET Core middleware, endpoint)";
        }

        if (!thread.StartsWith(".NET TP Worker", StringComparison.Ordinal))
        {
            return "runtime: other threads";
        }

        // OpenSSL has no frame pointers: a sample inside it has no usable stack, so it is a stage of its own.
        var leaf = frames.FirstOrDefault() ?? "";
        if (leaf.Contains("libcrypto", StringComparison.Ordinal) || leaf.Contains("libssl", StringComparison.Ordinal)
            || leaf.Contains("Cryptography.Native", StringComparison.Ordinal))
        {
            return "OpenSSL (ES256 signature, hashes, seal, random)";
        }

        var continuation = frames.TakeWhile(f => !ContinuationBoundary.IsMatch(f)).ToArray();
        foreach (var stages in new[] { ServiceStages, LibraryStages })
        {
            foreach (var frame in continuation)
            {
                foreach (var (stage, pattern) in stages)
                {
                    if (pattern.IsMatch(frame))
                    {
                        return stage;
                    }
                }
            }
        }

        return leaf.Contains("[kernel", StringComparison.Ordinal) ? ThreadPoolKernel : ThreadPoolDispatch;
    }

    private static string ThreadOf(string header) => ThreadName().Match(header) is { Success: true } m ? m.Groups[1].Value.Trim() : header;

    private static Regex Frames(string pattern) => new(pattern, RegexOptions.Compiled);

    [GeneratedRegex(@"^(.*?)\s+\d+\s+[\d.]+:")]
    private static partial Regex ThreadName();

    private static async Task<bool> PerfAvailableAsync()
    {
        try
        {
            await RunProcessAsync("perf", ["--version"]);
            return true;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task<string> RunProcessAsync(string file, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}");
        }

        return await output;
    }
}
