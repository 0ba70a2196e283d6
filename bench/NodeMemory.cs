using System.Collections.Immutable;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Users;

namespace SessionService.Bench;

/// <summary>
/// Memory of an embedded silo (Release) per active device session: 100k sessions are created through its
/// own grains, then its resident memory after a full GC is compared with before. Finally the idle grains
/// are collected. The silo runs in this process, as in the node, with cheap password hashes: the grains
/// check every login's password, and 100k production-strength checks would take most of an hour.
/// </summary>
internal static class NodeMemory
{
    private const int Users = 25_000;
    private const int SessionsPerUser = 4;
    private const int Parallel = 32;
    private const string Password = "memory-bench-password";

    public static async Task RunAsync()
    {
        await using var silo = await InProcessSilo.StartAsync("session-memory-",
            services => services.PostConfigure<PasswordHasherOptions>(o => o.IterationCount = 1000));
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        var passwordHash = silo.Services.GetRequiredService<Passwords>().Hash(Password);

        var before = await SnapshotAsync(management);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Parallel).Select(async _ =>
        {
            int u;
            while ((u = Interlocked.Increment(ref next)) < Users)
            {
                await CreateUserWithSessionsAsync(grains, u, passwordHash);
            }
        }));
        var created = clock.Elapsed;
        var loaded = await SnapshotAsync(management);

        var sessions = Users * SessionsPerUser;
        Console.WriteLine($"memory: embedded silo (Release), {sessions:N0} device sessions ({Users:N0} users x {SessionsPerUser}) created in {created.TotalSeconds:F0} s");
        Console.WriteLine($"  before:  {before}");
        Console.WriteLine($"  loaded:  {loaded}");
        Console.WriteLine($"  per active session: {(loaded.ResidentBytes - before.ResidentBytes) / (double)sessions:F0} bytes resident "
            + "(grain activations, Orleans bookkeeping, state and the GC's headroom together)");

        // The node collects grains idle longer than Orleans:IdleGrainAge (15 min); force that age down.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await management.ForceActivationCollection(TimeSpan.FromSeconds(1));
        var collected = await SnapshotAsync(management);
        Console.WriteLine($"  idle grains collected: {collected}");
    }

    private static async Task CreateUserWithSessionsAsync(IGrainFactory grains, int index, string passwordHash)
    {
        var user = grains.GetGrain<IUserGrain>(Ids.NewUserId());
        await user.CreateAsync(new NewUser($"memory-user-{index}", passwordHash, ImmutableArray<string>.Empty));
        for (var s = 0; s < SessionsPerUser; s++)
        {
            var client = new ClientInfo($"203.0.113.{s + 1}", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile");
            var result = await user.LoginAsync(new PasswordLogin(Password, $"device-{s}", $"Pixel 8 #{s}", client));
            if (result?.Outcome != LoginOutcome.Success)
            {
                throw new InvalidOperationException($"login {index}/{s}: {result?.Outcome.ToString() ?? "no such user"}");
            }
        }
    }

    private static async Task<Snapshot> SnapshotAsync(IManagementGrain management)
    {
        var silos = (await management.GetHosts(onlyActive: true)).Keys.ToArray();
        await management.ForceGarbageCollection(silos);
        var statistics = (await management.GetRuntimeStatistics(silos)).Single();
        return new Snapshot(statistics.ActivationCount, ResidentBytes());
    }

    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    private sealed record Snapshot(int Activations, long ResidentBytes)
    {
        public override string ToString() => $"{Activations,7:N0} grain activations, resident {ResidentBytes / 1048576.0,7:F1} MiB (after a full GC)";
    }
}
