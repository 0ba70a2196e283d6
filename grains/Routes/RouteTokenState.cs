using System.Collections.Immutable;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Routes;

[GenerateSerializer, Immutable, Alias("RouteTokenState")]
public sealed record RouteTokenState
{
    [Id(0)] public NewRouteToken? Token { get; init; }
    [Id(1)] public DateTimeOffset CreatedAt { get; init; }
    [Id(2)] public long Uses { get; init; }
    [Id(3)] public bool Revoked { get; init; }

    /// <summary>Newest first, at most <see cref="RouteUsePolicy.MaxRecordedUses"/>.</summary>
    [Id(4)] public ImmutableList<RouteUseRecord> RecentUses { get; init; } = [];

    public bool Exists => Token is not null;
}
