using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Routes;

/// <summary>
/// One route token's single writer. Not reentrant: a use is decided, written, then answered before the next
/// call starts, so the count can never be overrun, and a use granted is a use stored.
/// </summary>
public sealed class RouteTokenGrain(
    [PersistentState("route", StorageNames.Sessions)] IPersistentState<RouteTokenState> store,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock,
    ILogger<RouteTokenGrain> logger) : Grain, IRouteTokenGrain
{
    private RouteTokenState State => store.State;

    public async Task<RouteTokenView> IssueAsync(NewRouteToken token)
    {
        if (State.Exists)
        {
            throw new InvalidOperationException("A route token with this id already exists.");
        }

        await store.WriteAsync(new RouteTokenState { Token = token, CreatedAt = clock.GetUtcNow() }, this, logger);
        return View(State);
    }

    public async Task<RouteUseResult> UseAsync(ClientInfo client)
    {
        var now = clock.GetUtcNow();
        if (RouteUsePolicy.Refusal(State, now) is { } refusal)
        {
            return new(refusal, State.Exists ? View(State) : null);
        }

        if (State.Token!.ActAsMe && !await IssuerStandsAsync(State.Token))
        {
            return new(RouteUseOutcome.IssuerGone, View(State));
        }

        await store.WriteAsync(RouteUsePolicy.AfterUse(State, new RouteUseRecord(now, client.Ip, client.UserAgent)), this, logger);
        return new(RouteUseOutcome.Granted, View(State));
    }

    public Task<RouteTokenView?> GetAsync() => Task.FromResult(State.Exists ? View(State) : null);

    public async Task<bool> RevokeAsync()
    {
        if (!State.Exists)
        {
            return false;
        }

        if (!State.Revoked)
        {
            await store.WriteAsync(State with { Revoked = true }, this, logger);
        }

        return true;
    }

    /// <summary>Asked at every use, so a deletion, disabling or password change ends the token at once.</summary>
    private async Task<bool> IssuerStandsAsync(NewRouteToken token)
    {
        var stamp = await GrainFactory.Grain<IUserGrain>(token.OwnerId).GetSecurityStampAsync();
        return stamp is not null && token.IssuerStamp is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stamp), Encoding.UTF8.GetBytes(token.IssuerStamp));
    }

    private RouteTokenView View(RouteTokenState state)
    {
        var token = state.Token!;
        return new RouteTokenView(
            this.GetPrimaryKeyString(), token.OwnerId, token.OwnerName, token.Method, token.Path, token.Query, token.ActAsMe,
            state.CreatedAt, token.ExpiresAt, token.MaxUses, state.Uses, state.Revoked, [.. state.RecentUses]);
    }
}
