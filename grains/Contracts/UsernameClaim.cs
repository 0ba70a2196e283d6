namespace SessionService.Grains.Contracts;

/// <summary>
/// Who holds a user name, and whether that user's creation is still unconfirmed (the name is claimed
/// before the user grain exists, and confirmed once it does).
/// </summary>
[GenerateSerializer, Immutable, Alias("UsernameClaim")]
public sealed record UsernameClaim([property: Id(0)] string UserId, [property: Id(1)] bool Pending);
