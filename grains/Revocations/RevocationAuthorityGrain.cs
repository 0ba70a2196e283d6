using Microsoft.Extensions.DependencyInjection;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using SessionService.Grains.Contracts;
using SessionService.Grains.Telemetry;

namespace SessionService.Grains.Revocations;

/// <summary>
/// The revocation authority. Orleans' broadcast channels reach grains only, so API nodes subscribe here
/// as grain observers. Live revocations are persisted, so a node that starts (or missed a message) can
/// load them whole. Subscriptions are persisted too: when this grain's silo dies, the activation that
/// replaces it notifies the nodes from its first publish, not only once each has renewed. Revocations
/// expire on the session clock, as the tokens they match do; subscriptions on the clock nodes renew by.
/// Every entry it accepts gets the next number of one stored sequence (<see cref="RevocationLedger"/>), which
/// the revocation feed's followers resume from.
/// </summary>
/// <remarks>
/// The grain type and state name are those Orleans derived for the class's earlier name
/// (<c>BroadcastGrain</c>): they locate the stored revocations, so they stay.
/// </remarks>
[GrainType("broadcast")]
public sealed class RevocationAuthorityGrain(
    [PersistentState("broadcast", StorageNames.Sessions)] IPersistentState<RevocationAuthorityState> store,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock,
    TimeProvider subscriptionClock,
    ILogger<RevocationAuthorityGrain> logger) : Grain, IRevocationAuthorityGrain
{
    /// <summary>A stored subscription is rewritten only when this old, so renewals rarely cost a write.</summary>
    private static readonly TimeSpan StoredRenewalAge = RevocationAuthority.SubscriptionLifetime / 2;

    private readonly ObserverManager<IApiNodeObserver> _observers = new(RevocationAuthority.SubscriptionLifetime, logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var now = subscriptionClock.GetUtcNow();
        foreach (var subscriber in store.State.Subscribers.Where(s => s.RenewedAt + RevocationAuthority.SubscriptionLifetime > now))
        {
            _observers.Subscribe(subscriber.Observer, subscriber.Observer);
        }

        if (store.State.Revocations.Exists(e => e.Sequence == 0))
        {
            var numbered = RevocationLedger.NumberUnnumbered(store.State.Revocations, store.State.LastSequence);
            await store.WriteAsync(store.State with { Revocations = numbered.Live, LastSequence = numbered.LastSequence }, this, logger);
        }
    }

    public async Task PublishAsync(ImmutableArray<RevocationEntry> entries)
    {
        var ledger = RevocationLedger.Accept(store.State.Revocations, store.State.LastSequence, entries, clock.GetUtcNow());
        if (ledger.IsChanged)
        {
            await store.WriteAsync(store.State with { Revocations = ledger.Live, LastSequence = ledger.LastSequence }, this, logger);
        }

        if (!ledger.Published.IsEmpty)
        {
            var published = subscriptionClock.GetUtcNow();
            foreach (var entry in ledger.Published)
            {
                RevocationMetrics.RecordPublished(entry.Kind);
            }

            var stamped = ledger.Published.Select(e => e with { PublishedAt = published }).ToImmutableArray();
            await _observers.Notify(o => o.OnRevoked(stamped));
        }
    }

    public Task<ImmutableArray<RevocationEntry>> GetRevocationsAsync()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(store.State.Revocations.Where(e => e.ExpiresAt > now).ToImmutableArray());
    }

    public Task PingAsync() => Task.CompletedTask;

    public Task AnnounceKeysChangedAsync() => _observers.Notify(o => o.OnKeysChanged());

    public Task AnnounceConsumersChangedAsync(long version) => _observers.Notify(o => o.OnConsumersChanged(version));

    public async Task SubscribeAsync(IApiNodeObserver observer)
    {
        _observers.Subscribe(observer, observer);
        var now = subscriptionClock.GetUtcNow();
        var stored = store.State.Subscribers.Find(s => s.Observer.Equals(observer));
        if (stored is null || stored.RenewedAt + StoredRenewalAge <= now)
        {
            await StoreSubscribersAsync(live => live.RemoveAll(s => s.Observer.Equals(observer)).Add(new Subscriber(observer, now)));
        }
    }

    public async Task UnsubscribeAsync(IApiNodeObserver observer)
    {
        _observers.Unsubscribe(observer);
        if (store.State.Subscribers.Exists(s => s.Observer.Equals(observer)))
        {
            await StoreSubscribersAsync(live => live.RemoveAll(s => s.Observer.Equals(observer)));
        }
    }

    /// <summary>Writes the subscriber list changed by <paramref name="change"/>, dropping the expired ones of nodes gone for good.</summary>
    private Task StoreSubscribersAsync(Func<ImmutableList<Subscriber>, ImmutableList<Subscriber>> change)
    {
        var now = subscriptionClock.GetUtcNow();
        var live = store.State.Subscribers.RemoveAll(s => s.RenewedAt + RevocationAuthority.SubscriptionLifetime <= now);
        return store.WriteAsync(store.State with { Subscribers = change(live) }, this, logger);
    }
}
