using System.Collections.Immutable;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Revocations;

[GenerateSerializer, Immutable, Alias("BroadcastState")]
public sealed record BroadcastState
{
    [Id(0)] public ImmutableList<RevocationEntry> Revocations { get; init; } = [];
}
