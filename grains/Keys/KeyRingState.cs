using System.Collections.Immutable;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Keys;

[GenerateSerializer, Immutable, Alias("KeyRingState")]
public sealed record KeyRingState
{
    /// <summary>Newest first; the first key that is not retired signs.</summary>
    [Id(0)] public ImmutableList<SigningKey> Keys { get; init; } = [];
}
