using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

[GenerateSerializer, Immutable, Alias("NewUser")]
public sealed record NewUser(
    [property: Id(0)] string Username,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] ImmutableArray<string> Roles);
