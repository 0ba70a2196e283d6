using System.Collections.Immutable;

namespace SessionService.Grains.Users;

/// <summary>
/// Failed logins of one name, counted per source under <see cref="LockoutPolicy"/>'s rule, so guesses from
/// one place lock that place and not the account: nobody can keep a user out by guessing wrong. Sources are
/// bounded: past <see cref="MaxSources"/> counters, new untrusted sources share one counter
/// (<see cref="Elsewhere"/>), so many addresses cannot buy many guesses. Sources that logged in before
/// and proven device sessions always keep their own. Real accounts and unknown names keep the same book.
/// </summary>
[GenerateSerializer, Immutable, Alias("LoginLockouts")]
public sealed record LoginLockouts
{
    public const int MaxSources = 32;
    public const int FamiliarKept = 8;
    public const string Elsewhere = "elsewhere";

    public static readonly LoginLockouts None = new();

    [Id(0)] public ImmutableDictionary<string, LockoutCounter> Counters { get; init; } = ImmutableDictionary<string, LockoutCounter>.Empty;

    /// <summary>Sources with a successful login, newest first.</summary>
    [Id(1)] public ImmutableList<string> Familiar { get; init; } = [];

    public bool IsEmpty => Counters.IsEmpty && Familiar.IsEmpty;

    public TimeSpan? Remaining(LoginSource source, DateTimeOffset now) =>
        Counters.TryGetValue(CounterOf(source), out var counter) ? LockoutPolicy.Remaining(counter.LockedUntil, now) : null;

    /// <summary>The book after one more failure from <paramref name="source"/>; <paramref name="lockedUntil"/> is set when it starts a lockout.</summary>
    public LoginLockouts AfterFailure(LoginSource source, DateTimeOffset now, AuthOptions auth, out DateTimeOffset? lockedUntil)
    {
        var live = WithoutExpired(now, auth);
        var key = live.CounterOf(source);
        var counter = live.Counters.GetValueOrDefault(key);
        var (failures, lockouts, until) = LockoutPolicy.AfterFailure(counter?.Failures ?? 0, counter?.Lockouts ?? 0, now, auth);
        lockedUntil = until;
        return live with { Counters = live.Counters.SetItem(key, new LockoutCounter(failures, lockouts, until ?? counter?.LockedUntil, now)) };
    }

    /// <summary>A right password from <paramref name="source"/>: its counter goes, and an address becomes familiar.</summary>
    public LoginLockouts AfterSuccess(LoginSource source, DateTimeOffset now, AuthOptions auth)
    {
        var live = WithoutExpired(now, auth);
        var familiar = source.Key.StartsWith("session:", StringComparison.Ordinal)
            ? live.Familiar
            : live.Familiar.Remove(source.Key).Insert(0, source.Key);
        return live with
        {
            Counters = live.Counters.Remove(source.Key),
            Familiar = familiar.Count > FamiliarKept ? familiar.RemoveRange(FamiliarKept, familiar.Count - FamiliarKept) : familiar,
        };
    }

    /// <summary>Counters whose history has expired (<see cref="LockoutPolicy.HistoryExpired"/>) dropped.</summary>
    public LoginLockouts WithoutExpired(DateTimeOffset now, AuthOptions auth)
    {
        var expired = Counters.Where(c => LockoutPolicy.HistoryExpired(c.Value.LastFailureAt, c.Value.LockedUntil, now, auth)).Select(c => c.Key).ToList();
        return expired.Count == 0 ? this : this with { Counters = Counters.RemoveRange(expired) };
    }

    private string CounterOf(LoginSource source) =>
        source.Trusted || Counters.ContainsKey(source.Key) || Counters.Count < MaxSources ? source.Key : Elsewhere;
}

/// <summary>One source's consecutive failures, lockouts so far and the lockout running, if any.</summary>
[GenerateSerializer, Immutable, Alias("LockoutCounter")]
public sealed record LockoutCounter(
    [property: Id(0)] int Failures,
    [property: Id(1)] int Lockouts,
    [property: Id(2)] DateTimeOffset? LockedUntil,
    [property: Id(3)] DateTimeOffset LastFailureAt);
