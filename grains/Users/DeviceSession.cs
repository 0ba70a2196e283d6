using SessionService.Grains.Contracts;
using SessionService.Grains.Tokens;

namespace SessionService.Grains.Users;

/// <summary>
/// One device's session and its refresh-token rotation state. Tokens are kept only as SHA-256 hashes;
/// the successor of the previous token is kept sealed (see <c>SuccessorSeal</c>) during the grace window.
/// </summary>
[GenerateSerializer, Immutable, Alias("DeviceSession")]
public sealed record DeviceSession
{
    [Id(0)] public required string SessionId { get; init; }
    [Id(1)] public required string Device { get; init; }
    [Id(2)] public string? DeviceName { get; init; }
    [Id(3)] public required byte[] LineageKey { get; init; }
    [Id(4)] public required long Generation { get; init; }
    [Id(5)] public required byte[] CurrentHash { get; init; }
    [Id(6)] public byte[]? PreviousHash { get; init; }
    [Id(7)] public DateTimeOffset? RotatedAt { get; init; }
    [Id(8)] public byte[]? SealedSuccessor { get; init; }
    [Id(9)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(10)] public required DateTimeOffset LastUsedAt { get; init; }
    [Id(11)] public required DateTimeOffset ExpiresAt { get; init; }
    [Id(12)] public required DateTimeOffset AbsoluteExpiresAt { get; init; }
    [Id(13)] public string? Ip { get; init; }
    [Id(14)] public string? UserAgent { get; init; }

    /// <summary>The outward shape of this session's refresh tokens (sessions stored before it existed are native).</summary>
    [Id(15)] public RefreshTokenFormat Format { get; init; }

    /// <summary>
    /// A WordPress slot's expired token still answers "expired" until the plugin's housekeeping would have
    /// purged it, a month after its expiry; any other expired session is as good as gone.
    /// </summary>
    public bool IsPurged(DateTimeOffset now) =>
        (Format == RefreshTokenFormat.WordPress ? ExpiresAt + WordPressPurgeDelay : ExpiresAt) <= now;

    public static readonly TimeSpan WordPressPurgeDelay = TimeSpan.FromDays(30);

    public SessionView ToView() =>
        new(SessionId, Device, DeviceName, CreatedAt, LastUsedAt, ExpiresAt, Ip, UserAgent);
}
