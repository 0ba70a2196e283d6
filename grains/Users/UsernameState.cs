namespace SessionService.Grains.Users;

/// <summary>
/// A user name's row: the user holding it, and for a name no user holds, its failed logins under the
/// lockout rule. A name nobody holds and nobody has failed on recently has no row.
/// </summary>
[GenerateSerializer, Immutable, Alias("UsernameState")]
public sealed record UsernameState([property: Id(0)] string? UserId)
{
    public static readonly UsernameState Empty = new((string?)null);

    /// <summary>Failed logins since the last lockout, for a name no user holds.</summary>
    [Id(1)] public int FailedLogins { get; init; }

    [Id(2)] public int Lockouts { get; init; }

    [Id(3)] public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>When the last failed login on the name happened; the lockout history ages from here.</summary>
    [Id(4)] public DateTimeOffset? LastFailureAt { get; init; }

    /// <summary>The holder's user grain may not exist yet: claimed, creation not yet confirmed.</summary>
    [Id(5)] public bool Pending { get; init; }

    [Id(6)] public DateTimeOffset? ClaimedAt { get; init; }

    public bool HasLockoutHistory => FailedLogins > 0 || Lockouts > 0 || LockedUntil is not null;
}
