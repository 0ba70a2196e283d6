namespace SessionService.Grains.Contracts;

/// <summary>One login attempt as the log keeps it; never the password.</summary>
[GenerateSerializer, Immutable, Alias("LoginAttempt")]
public sealed record LoginAttempt(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] bool Succeeded,
    [property: Id(2)] string Reason,
    [property: Id(6)] string? Username,
    [property: Id(3)] string? Device,
    [property: Id(4)] string? Ip,
    [property: Id(5)] string? UserAgent);
