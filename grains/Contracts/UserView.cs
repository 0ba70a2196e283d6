using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

/// <summary>
/// A user as the API sees it, also what it signs into access tokens (so a refresh needs no extra call).
/// <see cref="Number"/> is null only while a user stored before numbers existed has not yet been given one.
/// </summary>
[GenerateSerializer, Immutable, Alias("UserView")]
public sealed record UserView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Username,
    [property: Id(2)] ImmutableArray<string> Roles,
    [property: Id(3)] bool Disabled,
    [property: Id(4)] DateTimeOffset CreatedAt)
{
    [Id(5)] public long? Number { get; init; }

    [Id(6)] public UserProfile Profile { get; init; } = UserProfile.Empty;

    /// <summary>The user's custom claims: name → raw JSON value.</summary>
    [Id(7)] public ImmutableSortedDictionary<string, string> Claims { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}
