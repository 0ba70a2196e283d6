using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

/// <summary>
/// A route token as issued: what it opens, until when, how often, and (with act-as-me) the issuer's
/// security stamp at issue, which every later use must still find on the user grain.
/// </summary>
[GenerateSerializer, Immutable, Alias("NewRouteToken")]
public sealed record NewRouteToken(
    [property: Id(0)] string OwnerId,
    [property: Id(1)] string OwnerName,
    [property: Id(2)] string Method,
    [property: Id(3)] string Path,
    [property: Id(4)] ImmutableSortedDictionary<string, string> Query,
    [property: Id(5)] bool ActAsMe,
    [property: Id(6)] string? IssuerStamp,
    [property: Id(7)] DateTimeOffset ExpiresAt,
    [property: Id(8)] int? MaxUses);
