using SessionService.Grains.Tokens;

namespace SessionService.Grains.Contracts;

/// <summary>
/// A login as the user sent it. The user grain checks the password against its own hash: it takes no
/// caller's word that a password is right. <see cref="RefreshToken"/>, when the client holds one, proves
/// a live session of this user: such a device is not locked out by failures from elsewhere.
/// </summary>
[GenerateSerializer, Immutable, Alias("PasswordLogin")]
public sealed record PasswordLogin(
    [property: Id(0)] string Password,
    [property: Id(1)] string? Device,
    [property: Id(2)] string? DeviceName,
    [property: Id(3)] ClientInfo Client,
    [property: Id(4)] string? AttemptedName = null,
    [property: Id(5)] string? RefreshToken = null,
    [property: Id(6)] RefreshTokenFormat Format = RefreshTokenFormat.Native);
