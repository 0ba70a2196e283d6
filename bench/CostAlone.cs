using System.Diagnostics;
using System.Security.Cryptography;

namespace SessionService.Bench;

/// <summary>
/// The time of one operation measured alone, outside the server: on one core with the others idle, and
/// per core with every core running it at once, as a loaded node does (on this machine an ES256
/// verification then takes up to 1.3x longer). Each figure is the median of five batches.
/// </summary>
internal sealed record CostAlone(TimeSpan OneCoreBusy, TimeSpan AllCoresBusy)
{
    private const int Rounds = 2000;

    public static CostAlone Es256Verification() => Measure(() =>
    {
        var (key, data, signature) = NewSignedData();
        return () => key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    });

    public static CostAlone Es256Signature() => Measure(() =>
    {
        var (key, data, _) = NewSignedData();
        return () => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    });

    /// <summary>
    /// Requests per second of an endpoint that costs the trivial one plus this operation, every core
    /// paying for both: with this operation's cost when all cores are busy, and when one is.
    /// </summary>
    public (double AllBusy, double OneBusy) AddedTo(Figures trivial)
    {
        var cores = Environment.ProcessorCount;
        var trivialCoreSeconds = cores / trivial.RequestsPerSecond;
        return (cores / (trivialCoreSeconds + AllCoresBusy.TotalSeconds), cores / (trivialCoreSeconds + OneCoreBusy.TotalSeconds));
    }

    private static (ECDsa Key, byte[] Data, byte[] Signature) NewSignedData()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = RandomNumberGenerator.GetBytes(600);
        return (key, data, key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    /// <param name="newOperation">Called once per thread; returns the operation that thread times.</param>
    internal static CostAlone Measure(Func<Action> newOperation)
    {
        var oneCore = new List<TimeSpan>();
        var allCores = new List<TimeSpan>();
        for (var batch = 0; batch < 5; batch++)
        {
            oneCore.Add(MeanOnThreads(1, newOperation));
            allCores.Add(MeanOnThreads(Environment.ProcessorCount, newOperation));
        }

        return new CostAlone(oneCore.Order().ElementAt(2), allCores.Order().ElementAt(2));
    }

    /// <summary>The mean time of one operation while <paramref name="threads"/> threads run it at once.</summary>
    private static TimeSpan MeanOnThreads(int threads, Func<Action> newOperation)
    {
        var ticks = new long[threads];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(thread => new Thread(() =>
        {
            var operation = newOperation();
            start.SignalAndWait();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Rounds; i++)
            {
                operation();
            }

            ticks[thread] = watch.Elapsed.Ticks;
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return TimeSpan.FromTicks((long)ticks.Average() / Rounds);
    }
}

/// <summary>
/// CPU time of one operation on one thread (the thread's own clock, so a machine shared with other
/// processes does not inflate it the way wall time does): the median of five batches.
/// </summary>
internal static class CpuCost
{
    private const int Rounds = 2000;
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    public static double Microseconds(Func<Action> newOperation)
    {
        var operation = newOperation();
        for (var i = 0; i < Rounds; i++)
        {
            operation();
        }

        var batches = new List<double>();
        for (var batch = 0; batch < 5; batch++)
        {
            var start = ThreadCpuNanoseconds();
            for (var i = 0; i < Rounds; i++)
            {
                operation();
            }

            batches.Add((ThreadCpuNanoseconds() - start) / 1000.0 / Rounds);
        }

        return batches.Order().ElementAt(2);
    }

    private static long ThreadCpuNanoseconds()
    {
        if (clock_gettime(ThreadCpuClock, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        }

        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
