namespace SessionService.Grains.Contracts;

/// <summary>
/// What the API needs to check a password off the grain's turn. The security stamp comes back with the
/// outcome so that a password changed in between makes the login fail instead of using the old password.
/// </summary>
[GenerateSerializer, Immutable, Alias("LoginTicket")]
public sealed record LoginTicket(
    [property: Id(1)] bool Disabled,
    [property: Id(2)] TimeSpan? LockedFor,
    [property: Id(3)] string PasswordHash,
    [property: Id(4)] string SecurityStamp);
