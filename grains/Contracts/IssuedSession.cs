namespace SessionService.Grains.Contracts;

/// <summary>A refresh token handed out for a device session, with what the API signs into the access token.</summary>
[GenerateSerializer, Immutable, Alias("IssuedSession")]
public sealed record IssuedSession(
    [property: Id(0)] string RefreshToken,
    [property: Id(1)] string SessionId,
    [property: Id(2)] string Device,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] UserView User);
