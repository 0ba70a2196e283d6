using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Routes;

/// <summary>One user's route token ids. Expired ones are dropped on each change; past the cap the oldest go.</summary>
public sealed class RouteIndexGrain(
    [PersistentState("routeIndex", StorageNames.Sessions)] IPersistentState<RouteIndexState> store,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock,
    ILogger<RouteIndexGrain> logger) : Grain, IRouteIndexGrain
{
    public const int MaxEntries = 200;

    public async Task AddAsync(string routeTokenId, DateTimeOffset expiresAt)
    {
        var now = clock.GetUtcNow();
        var entries = store.State.Entries.RemoveAll(e => e.ExpiresAt <= now || e.Id == routeTokenId).Insert(0, new(routeTokenId, expiresAt));
        if (entries.Count > MaxEntries)
        {
            entries = entries.RemoveRange(MaxEntries, entries.Count - MaxEntries);
        }

        await store.WriteAsync(new RouteIndexState { Entries = entries }, this, logger);
    }

    public async Task RemoveAsync(string routeTokenId)
    {
        var entries = store.State.Entries.RemoveAll(e => e.Id == routeTokenId);
        if (entries.Count != store.State.Entries.Count)
        {
            await store.WriteAsync(new RouteIndexState { Entries = entries }, this, logger);
        }
    }

    public Task<ImmutableArray<string>> ListAsync()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(store.State.Entries.Where(e => e.ExpiresAt > now).Select(e => e.Id).ToImmutableArray());
    }
}
