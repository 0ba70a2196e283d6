namespace SessionService.Grains.Contracts;

[GenerateSerializer, Immutable, Alias("SessionView")]
public sealed record SessionView(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Device,
    [property: Id(2)] string? DeviceName,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset LastUsedAt,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] string? Ip,
    [property: Id(7)] string? UserAgent);
