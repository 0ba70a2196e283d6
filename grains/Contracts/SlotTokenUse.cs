namespace SessionService.Grains.Contracts;

/// <summary>
/// A WordPress JWT Auth refresh token presented for a device slot: with <see cref="Rotate"/> it is
/// exchanged for a successor (<c>/token/refresh</c>), without it only proves the session (a cookie login on
/// <c>/token</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("SlotTokenUse")]
public sealed record SlotTokenUse(
    [property: Id(0)] string Token,
    [property: Id(1)] string Device,
    [property: Id(2)] bool Rotate,
    [property: Id(3)] ClientInfo Client);
