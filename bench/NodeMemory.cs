using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Silo;

namespace SessionService.Bench;

/// <summary>
/// Memory of a running embedded node (Release) per active device session: 100k sessions are created
/// through the node's own grains (over its Orleans gateway, so no password hash per session), then the
/// node's resident memory after a full GC is compared with before. Finally the idle grains are collected.
/// </summary>
internal static class NodeMemory
{
    private const int Users = 25_000;
    private const int SessionsPerUser = 4;
    private const int Parallel = 32;

    public static async Task RunAsync(BenchOptions options)
    {
        using var node = await EmbeddedNode.StartAsync(options);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var identity = SessionServiceOptions.Read<SiloOptions>(builder.Configuration);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(node.GatewayPort, identity.ServiceId, identity.ClusterId));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var management = grains.GetGrain<IManagementGrain>(0);

        var before = await SnapshotAsync(management, node);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Parallel).Select(async _ =>
        {
            int u;
            while ((u = Interlocked.Increment(ref next)) < Users)
            {
                await CreateUserWithSessionsAsync(grains, u);
            }
        }));
        var created = clock.Elapsed;
        var loaded = await SnapshotAsync(management, node);

        var sessions = Users * SessionsPerUser;
        Console.WriteLine($"memory: running embedded node (Release), {sessions:N0} device sessions ({Users:N0} users x {SessionsPerUser}) created in {created.TotalSeconds:F0} s");
        Console.WriteLine($"  before:  {before}");
        Console.WriteLine($"  loaded:  {loaded}");
        Console.WriteLine($"  per active session: {(loaded.ResidentBytes - before.ResidentBytes) / (double)sessions:F0} bytes resident "
            + "(grain activations, Orleans bookkeeping, state and the GC's headroom together)");

        // The node collects grains idle longer than Orleans:IdleGrainAge (15 min); force that age down.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await management.ForceActivationCollection(TimeSpan.FromSeconds(1));
        var collected = await SnapshotAsync(management, node);
        Console.WriteLine($"  idle grains collected: {collected}");
        await host.StopAsync();
    }

    private static async Task CreateUserWithSessionsAsync(IGrainFactory grains, int index)
    {
        var user = grains.GetGrain<IUserGrain>(Ids.NewUserId());
        // Stands in for a PBKDF2 hash of the same length: nothing here checks it.
        var passwordHash = Convert.ToBase64String(RandomNumberGenerator.GetBytes(61));
        await user.CreateAsync(new NewUser($"memory-user-{index}", passwordHash, ImmutableArray<string>.Empty));
        for (var s = 0; s < SessionsPerUser; s++)
        {
            var ticket = await user.BeginLoginAsync() ?? throw new InvalidOperationException($"user {index} does not exist");
            var client = new ClientInfo($"203.0.113.{s + 1}", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile");
            var result = await user.CompleteLoginAsync(new LoginCompletion(true, ticket.SecurityStamp, $"device-{s}", $"Pixel 8 #{s}", client));
            if (result?.Outcome != LoginOutcome.Success)
            {
                throw new InvalidOperationException($"login {index}/{s}: {result?.Outcome.ToString() ?? "no such user"}");
            }
        }
    }

    private static async Task<Snapshot> SnapshotAsync(IManagementGrain management, EmbeddedNode node)
    {
        var silos = (await management.GetHosts(onlyActive: true)).Keys.ToArray();
        await management.ForceGarbageCollection(silos);
        var statistics = (await management.GetRuntimeStatistics(silos)).Single();
        return new Snapshot(statistics.ActivationCount, node.ResidentBytes());
    }

    private sealed record Snapshot(int Activations, long ResidentBytes)
    {
        public override string ToString() => $"{Activations,7:N0} grain activations, resident {ResidentBytes / 1048576.0,7:F1} MiB (after a full GC)";
    }
}
