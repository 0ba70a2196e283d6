using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SessionService.Grains;
using SessionService.Grains.Users;

namespace SessionService.Bench;

/// <summary>
/// CPU of one user-state write through the grain storage the embedded silo configures (whatever provider
/// <c>AddSessionSilo</c> wires), as refresh drives it: <see cref="Suite.Workers"/> writers, each rewriting
/// its own user's state as soon as the last write was acknowledged. The silo runs in this process, so its
/// CPU (including the provider's serialization, the commit and the fsync) is this process's.
/// </summary>
internal static class StorageWriteCost
{
    public static async Task<(double CpuMicroseconds, double WritesPerSecond)> MeasureAsync(TimeSpan duration)
    {
        await using var silo = await InProcessSilo.StartAsync("session-storage-cost-");
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions);
        var states = Enumerable.Range(0, Suite.Workers)
            .Select(_ => new RefreshSample())
            .Select(sample => (GrainId.Create("user", sample.UserId), new GrainState<UserState>(sample.State)))
            .ToArray();
        await WriteAllAsync(storage, states, TimeSpan.FromSeconds(2));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var writes = await WriteAllAsync(storage, states, duration);
        var elapsed = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return (used.TotalMicroseconds / writes, writes / elapsed.TotalSeconds);
    }

    /// <param name="states">One user's state per writer; each keeps the etag of its last write, as a grain does.</param>
    private static async Task<long> WriteAllAsync(IGrainStorage storage, (GrainId Id, GrainState<UserState> State)[] states, TimeSpan duration)
    {
        long writes = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(states.Select(async user =>
        {
            var (grainId, state) = user;
            while (clock.Elapsed < duration)
            {
                await storage.WriteStateAsync("user", grainId, state);
                Interlocked.Increment(ref writes);
            }
        }));
        return writes;
    }
}
