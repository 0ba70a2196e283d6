namespace SessionService.Grains.Contracts;

[GenerateSerializer, Immutable, Alias("LoginCompletion")]
public sealed record LoginCompletion(
    [property: Id(0)] bool PasswordValid,
    [property: Id(1)] string SecurityStamp,
    [property: Id(2)] string? Device,
    [property: Id(3)] string? DeviceName,
    [property: Id(4)] ClientInfo Client,
    [property: Id(5)] string? AttemptedName = null);
