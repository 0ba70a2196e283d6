using System.Collections.Immutable;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Users;

[GenerateSerializer, Immutable, Alias("UserState")]
public sealed record UserState
{
    [Id(0)] public string? Username { get; init; }
    [Id(1)] public string PasswordHash { get; init; } = "";
    [Id(2)] public ImmutableArray<string> Roles { get; init; } = [];
    [Id(3)] public bool Disabled { get; init; }
    // Id 4 held a security stamp, read by a login protocol that no longer exists.
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public int FailedLogins { get; init; }
    [Id(7)] public DateTimeOffset? LockedUntil { get; init; }
    [Id(8)] public int Lockouts { get; init; }
    [Id(9)] public ImmutableList<DeviceSession> Sessions { get; init; } = [];
    [Id(10)] public ImmutableList<LoginAttempt> LoginAttempts { get; init; } = [];

    /// <summary>
    /// Revocations written with the change that made them and not yet acknowledged by the authority.
    /// Kept also when the user is deleted, so a deletion's revocations survive a failed publish.
    /// </summary>
    [Id(11)] public ImmutableList<RevocationEntry> UnpublishedRevocations { get; init; } = [];

    public bool Exists => Username is not null;
}
