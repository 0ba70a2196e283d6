using System.Collections.Immutable;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Revocations;

/// <summary>The revocation authority's stored state; its alias is the type name stored by earlier releases.</summary>
[GenerateSerializer, Immutable, Alias("BroadcastState")]
public sealed record RevocationAuthorityState
{
    [Id(0)] public ImmutableList<RevocationEntry> Revocations { get; init; } = [];
}
