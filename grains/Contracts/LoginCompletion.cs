namespace SessionService.Grains.Contracts;

/// <summary>
/// The API's verdict on a login's password. <see cref="UpgradedPasswordHash"/> is a new hash of the same
/// password when the stored one was made with weaker settings; it replaces it on a successful login.
/// </summary>
[GenerateSerializer, Immutable, Alias("LoginCompletion")]
public sealed record LoginCompletion(
    [property: Id(0)] bool PasswordValid,
    [property: Id(1)] string SecurityStamp,
    [property: Id(2)] string? Device,
    [property: Id(3)] string? DeviceName,
    [property: Id(4)] ClientInfo Client,
    [property: Id(5)] string? AttemptedName = null,
    [property: Id(6)] string? UpgradedPasswordHash = null);
