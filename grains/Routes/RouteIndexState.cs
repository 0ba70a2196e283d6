using System.Collections.Immutable;

namespace SessionService.Grains.Routes;

[GenerateSerializer, Immutable, Alias("RouteIndexEntry")]
public sealed record RouteIndexEntry([property: Id(0)] string Id, [property: Id(1)] DateTimeOffset ExpiresAt);

[GenerateSerializer, Immutable, Alias("RouteIndexState")]
public sealed record RouteIndexState
{
    /// <summary>Newest first.</summary>
    [Id(0)] public ImmutableList<RouteIndexEntry> Entries { get; init; } = [];
}
