using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

/// <summary>A route token as its owner sees it; <see cref="RecentUses"/> is newest first and bounded.</summary>
[GenerateSerializer, Immutable, Alias("RouteTokenView")]
public sealed record RouteTokenView(
    [property: Id(0)] string Id,
    [property: Id(1)] string OwnerId,
    [property: Id(2)] string OwnerName,
    [property: Id(3)] string Method,
    [property: Id(4)] string Path,
    [property: Id(5)] ImmutableSortedDictionary<string, string> Query,
    [property: Id(6)] bool ActAsMe,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset ExpiresAt,
    [property: Id(9)] int? MaxUses,
    [property: Id(10)] long Uses,
    [property: Id(11)] bool Revoked,
    [property: Id(12)] ImmutableArray<RouteUseRecord> RecentUses);
