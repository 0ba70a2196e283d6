namespace SessionService.Grains.Contracts;

/// <summary>One granted use of a route token: when, and who the API node saw.</summary>
[GenerateSerializer, Immutable, Alias("RouteUseRecord")]
public sealed record RouteUseRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string? Ip,
    [property: Id(2)] string? UserAgent);
