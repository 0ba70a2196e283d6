namespace SessionService.Grains.Users;

/// <summary>
/// Consecutive failed logins lock for a period that doubles with each lockout, from
/// Auth:LockoutBaseDuration up to Auth:LockoutMaxDuration. Real accounts and unknown names use the
/// same rule, so a lockout tells an attacker nothing about whether the name exists.
/// </summary>
public static class LockoutPolicy
{
    /// <summary>The counters after one more failure: a lockout starts when the threshold is reached.</summary>
    public static (int Failures, int Lockouts, DateTimeOffset? LockedUntil) AfterFailure(
        int failures, int lockouts, DateTimeOffset now, AuthOptions auth)
    {
        failures++;
        if (failures < auth.LockoutThreshold)
        {
            return (failures, lockouts, null);
        }

        lockouts++;
        var duration = TimeSpan.FromTicks(Math.Min(
            auth.LockoutMaxDuration.Ticks,
            auth.LockoutBaseDuration.Ticks * (1L << Math.Min(lockouts - 1, 20))));
        return (0, lockouts, now + duration);
    }

    public static TimeSpan? Remaining(DateTimeOffset? lockedUntil, DateTimeOffset now) =>
        lockedUntil is { } until && until > now ? until - now : null;

    /// <summary>
    /// True once the last failure and the last lockout are both older than the longest lockout: the
    /// counter is forgotten then, by real accounts and unknown names alike.
    /// </summary>
    public static bool HistoryExpired(DateTimeOffset? lastFailure, DateTimeOffset? lockedUntil, DateTimeOffset now, AuthOptions auth)
    {
        var last = lockedUntil is { } until && (lastFailure is null || until > lastFailure) ? until : lastFailure;
        return last is null || now - last.Value >= auth.LockoutMaxDuration;
    }
}
