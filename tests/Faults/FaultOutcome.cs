using System.Diagnostics;

namespace SessionService.Tests.Faults;

/// <summary>
/// The promises every fault test asserts, once its fault is cleared (or, for a fault that stays, such
/// as a dead process, once it happened), with the load asked to stop (<see cref="FaultLoad.RequestStop"/>)
/// just before: (d) a new login and refresh succeed on every node within <see cref="RecoveryPatience"/>,
/// without a restart; (c) every logout answered 204 is refused on every node within one second, checked
/// at recovery and again, once the clients have finished their retries, for those answered later;
/// (a) no 5xx other than 503 with <c>Retry-After</c> and no 4xx to a valid request, during the whole
/// run; (b) every client's last refresh answered 200 is durable and does not fork. With
/// <c>restartFromStorage</c>, the processes that hold grain state are restarted before (b), so it
/// checks what storage holds and not what a grain kept in memory after a failed write. The outcome
/// becomes a row of <see cref="FaultTable"/> before anything is asserted.
/// </summary>
public static class FaultOutcome
{
    public static readonly TimeSpan RecoveryPatience = TimeSpan.FromSeconds(60);

    public static async Task AssertPromisesKeptAsync(string fault, FaultLoad load, FaultTable table, Stopwatch? sinceCleared = null,
        Func<Task<IReadOnlyList<Uri>>>? restartFromStorage = null)
    {
        var since = sinceCleared ?? Stopwatch.StartNew();
        var revocations = new RevocationCheck(load.Nodes);
        TimeSpan recovery;
        try
        {
            recovery = await load.MeasureRecoveryAsync(since, RecoveryPatience);
            await revocations.CheckAsync(LoggedOut(load));
        }
        catch (Xunit.Sdk.XunitException)
        {
            await load.StopAsync();
            // No recovery in time is a broken promise too.
            table.Add(new FaultRow(fault, load.Counts, load.Counts.Violations.Count + revocations.Violations.Count + 1, (0, 0), revocations, null));
            throw;
        }

        await load.StopAsync();
        await revocations.CheckAsync(LoggedOut(load));
        var violations = load.Counts.Violations.ToList();
        violations.AddRange(revocations.Violations);
        if (revocations.Checked == 0)
        {
            violations.Add("no logout was answered 204, so the revocation promise went untested");
        }

        var nodes = restartFromStorage is null ? load.Nodes : await restartFromStorage();
        var durable = await DurabilityCheck.CheckAsync(load.Clients, nodes, violations);
        table.Add(new FaultRow(fault, load.Counts, violations.Count, durable, revocations, recovery));

        Assert.True(violations.Count == 0,
            $"{fault}: {violations.Count} broken promises, the first ones:\n" + string.Join("\n", violations.Take(10)));
    }

    private static List<string> LoggedOut(FaultLoad load) => load.Clients.SelectMany(c => c.LoggedOutAccessTokens).ToList();
}
