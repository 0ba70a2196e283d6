using Microsoft.Extensions.DependencyInjection;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Revocations;

/// <summary>
/// The revocation authority. Orleans' broadcast channels reach grains only, so API nodes subscribe here
/// as grain observers. Live revocations are persisted, so a node that starts (or missed a message) can
/// load them whole.
/// </summary>
/// <remarks>
/// The grain type and state name are those Orleans derived for the class's earlier name
/// (<c>BroadcastGrain</c>): they locate the stored revocations, so they stay.
/// </remarks>
[GrainType("broadcast")]
public sealed class RevocationAuthorityGrain(
    [PersistentState("broadcast", StorageNames.Sessions)] IPersistentState<RevocationAuthorityState> store,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock,
    ILogger<RevocationAuthorityGrain> logger) : Grain, IRevocationAuthorityGrain
{
    private readonly ObserverManager<IApiNodeObserver> _observers = new(RevocationAuthority.SubscriptionLifetime, logger);

    public async Task PublishAsync(ImmutableArray<RevocationEntry> entries)
    {
        var now = clock.GetUtcNow();
        var revocations = store.State.Revocations.RemoveAll(e => e.ExpiresAt <= now);
        foreach (var entry in entries)
        {
            if (entry.Kind == RevocationKind.UserUnblocked)
            {
                revocations = revocations.RemoveAll(e => e.Kind == RevocationKind.UserBlocked && e.SubjectId == entry.SubjectId);
            }
            else
            {
                revocations = revocations.Add(entry);
            }
        }

        store.State = store.State with { Revocations = revocations };
        await store.WriteStateAsync();
        await _observers.Notify(o => o.OnRevoked(entries));
    }

    public Task<ImmutableArray<RevocationEntry>> GetRevocationsAsync()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(store.State.Revocations.Where(e => e.ExpiresAt > now).ToImmutableArray());
    }

    public Task PingAsync() => Task.CompletedTask;

    public Task AnnounceKeysChangedAsync() => _observers.Notify(o => o.OnKeysChanged());

    public Task SubscribeAsync(IApiNodeObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IApiNodeObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }
}
