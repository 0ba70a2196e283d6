using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

/// <summary>
/// Fans revocations and key changes out to API nodes (singleton, key <see cref="Broadcast.Id"/>). It keeps
/// the live revocations so a starting node can load them whole.
/// </summary>
[Alias("IBroadcastGrain")]
public interface IBroadcastGrain : IGrainWithStringKey
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

    /// <summary>Subscriptions expire; API nodes renew them on a timer.</summary>
    [Alias("Subscribe")]
    Task SubscribeAsync(IApiNodeObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IApiNodeObserver observer);
}

public static class Broadcast
{
    public const string Id = "default";
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);
}
