namespace SessionService.Grains.Contracts;

/// <summary>What the API node saw of the caller: shown in the device list and the login-attempt log.</summary>
[GenerateSerializer, Immutable, Alias("ClientInfo")]
public sealed record ClientInfo(
    [property: Id(0)] string? Ip,
    [property: Id(1)] string? UserAgent);
