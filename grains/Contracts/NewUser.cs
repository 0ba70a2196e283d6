using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

/// <summary>
/// A user to create. <see cref="Number"/>, when given, must already be claimed for the new user's id
/// (<see cref="IUserNumberGrain"/>); otherwise the grain takes the next one of the sequence.
/// </summary>
[GenerateSerializer, Immutable, Alias("NewUser")]
public sealed record NewUser(
    [property: Id(0)] string Username,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] ImmutableArray<string> Roles)
{
    [Id(3)] public long? Number { get; init; }

    [Id(4)] public UserProfile? Profile { get; init; }

    [Id(5)] public ImmutableSortedDictionary<string, string>? Claims { get; init; }
}
