using System.Collections.Immutable;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Revocations;

/// <summary>The revocation authority's stored state; its alias is the type name stored by earlier releases.</summary>
[GenerateSerializer, Immutable, Alias("BroadcastState")]
public sealed record RevocationAuthorityState
{
    [Id(0)] public ImmutableList<RevocationEntry> Revocations { get; init; } = [];

    /// <summary>
    /// The API nodes subscribed: an activation that follows a silo's death (or an idle collection)
    /// pushes to them from its first publish, instead of waiting until each node renews.
    /// </summary>
    [Id(1)] public ImmutableList<Subscriber> Subscribers { get; init; } = [];

    /// <summary>The last sequence number handed out; stored with the entries, so numbers survive a restart or failover.</summary>
    [Id(2)] public long LastSequence { get; init; }
}
