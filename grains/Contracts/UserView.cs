using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

[GenerateSerializer, Immutable, Alias("UserView")]
public sealed record UserView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Username,
    [property: Id(2)] ImmutableArray<string> Roles,
    [property: Id(3)] bool Disabled,
    [property: Id(4)] DateTimeOffset CreatedAt);
