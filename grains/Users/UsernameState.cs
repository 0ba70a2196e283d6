namespace SessionService.Grains.Users;

/// <summary>
/// A user name's row: the user holding it, and for a name no user holds, its failed logins under the
/// lockout rule. A name nobody holds and nobody has failed on recently has no row.
/// </summary>
[GenerateSerializer, Immutable, Alias("UsernameState")]
public sealed record UsernameState([property: Id(0)] string? UserId)
{
    public static readonly UsernameState Empty = new((string?)null);

    // Ids 1 to 4 held one lockout counter for the whole name, no longer kept.

    /// <summary>Failed logins on a name no user holds, under the rule real accounts follow. Absent from rows stored before it existed.</summary>
    public LoginLockouts Lockouts { get => _lockouts ?? LoginLockouts.None; init => _lockouts = value; }

    [Id(7)] private readonly LoginLockouts? _lockouts;

    /// <summary>The holder's user grain may not exist yet: claimed, creation not yet confirmed.</summary>
    [Id(5)] public bool Pending { get; init; }

    [Id(6)] public DateTimeOffset? ClaimedAt { get; init; }

    public bool HasLockoutHistory => !Lockouts.IsEmpty;
}
