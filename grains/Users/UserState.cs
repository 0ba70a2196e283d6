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
    // Ids 4, 6, 7 and 8 held a security stamp and account-wide lockout counters, no longer kept.
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }
    [Id(9)] public ImmutableList<DeviceSession> Sessions { get; init; } = [];
    [Id(10)] public ImmutableList<LoginAttempt> LoginAttempts { get; init; } = [];

    public LoginLockouts Lockouts { get => _lockouts ?? LoginLockouts.None; init => _lockouts = value; }

    // States stored before a field existed load without it: these read as empty then.
    [Id(11)] private readonly ImmutableList<RevocationEntry>? _unpublished;
    [Id(12)] private readonly LoginLockouts? _lockouts;
    [Id(14)] private readonly UserProfile? _profile;
    [Id(15)] private readonly ImmutableSortedDictionary<string, string>? _claims;

    /// <summary>The stable integer id; null only for a user stored before numbers existed, until its grain gives it one.</summary>
    [Id(13)] public long? Number { get; init; }

    public UserProfile Profile { get => _profile ?? UserProfile.Empty; init => _profile = value; }

    /// <summary>Custom claims copied into the user's access tokens: name → raw JSON value.</summary>
    public ImmutableSortedDictionary<string, string> Claims { get => _claims ?? ImmutableSortedDictionary<string, string>.Empty; init => _claims = value; }

    /// <summary>
    /// Revocations written with the change that made them and not yet acknowledged by the authority.
    /// Kept also when the user is deleted, so a deletion's revocations survive a failed publish.
    /// </summary>
    public ImmutableList<RevocationEntry> UnpublishedRevocations { get => _unpublished ?? []; init => _unpublished = value; }

    /// <summary>The address this user is listed under in the email index (normalized); behind <see cref="UserProfile.Email"/> until the index took the change.</summary>
    [Id(16)] public string? IndexedEmail { get; init; }

    public bool Exists => Username is not null;
}
