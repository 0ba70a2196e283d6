using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

/// <summary>
/// The revocation authority (singleton, key <see cref="RevocationAuthority.Id"/>): keeps the live
/// revocations, so a starting API node can load them whole, and pushes every new one, and every key
/// change and consumer directory change, to the subscribed API nodes.
/// </summary>
/// <remarks>
/// The aliases keep the names of the release that called this the broadcast grain, so API nodes and
/// silos of both releases keep talking to each other during a rolling upgrade.
/// </remarks>
[Alias("IBroadcastGrain")]
public interface IRevocationAuthorityGrain : IGrainWithStringKey
{
    [Alias("Publish")]
    Task PublishAsync(ImmutableArray<RevocationEntry> entries);

    [Alias("GetRevocations")]
    Task<ImmutableArray<RevocationEntry>> GetRevocationsAsync();

    /// <summary>Answers at once: proof for readiness checks that the cluster serves calls.</summary>
    [Alias("Ping")]
    Task PingAsync();

    [Alias("AnnounceKeysChanged")]
    Task AnnounceKeysChangedAsync();

    /// <summary>The consumer directory reached <paramref name="version"/>; nodes behind it reload their credentials.</summary>
    [Alias("AnnounceConsumersChanged")]
    Task AnnounceConsumersChangedAsync(long version);

    /// <summary>Subscriptions expire; API nodes renew them on a timer.</summary>
    [Alias("Subscribe")]
    Task SubscribeAsync(IApiNodeObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IApiNodeObserver observer);
}
