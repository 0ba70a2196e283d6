using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Users;

/// <summary>Keyed by the normalized user name; one activation per name makes claiming it race-free.</summary>
public sealed class UsernameGrain(
    [PersistentState("username", StorageNames.Sessions)] IPersistentState<UsernameState> store,
    IOptions<AuthOptions> options,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock,
    ILogger<UsernameGrain> logger) : Grain, IUsernameGrain
{
    /// <summary>
    /// Longer than a create can take between claiming the name and creating the user grain (a few grain
    /// calls, each bounded by Orleans' response timeout), so a pending claim this old is a failed create.
    /// </summary>
    public static readonly TimeSpan PendingClaimLifetime = TimeSpan.FromMinutes(2);

    private UsernameState Current => store.State ?? UsernameState.Empty;

    public async Task<bool> TryClaimAsync(string userId)
    {
        if (Current.UserId is { } owner)
        {
            return owner == userId;
        }

        // A new account starts with no failures, as any real account does.
        await store.WriteAsync(new UsernameState(userId) { Pending = true, ClaimedAt = clock.GetUtcNow() }, this, logger);
        return true;
    }

    public async Task<bool> ConfirmAsync(string userId)
    {
        if (Current.UserId != userId)
        {
            return false;
        }

        if (Current.Pending)
        {
            await store.WriteAsync(Current with { Pending = false }, this, logger);
        }

        return true;
    }

    public Task<UsernameClaim?> GetClaimAsync() =>
        Task.FromResult(Current.UserId is { } owner ? new UsernameClaim(owner, Current.Pending) : null);

    public async Task<bool> TryReclaimAsync(UsernameClaim seen, string userId)
    {
        var state = Current;
        if (state.UserId != seen.UserId || state.Pending != seen.Pending
            || (state.Pending && state.ClaimedAt is { } claimedAt && clock.GetUtcNow() - claimedAt < PendingClaimLifetime))
        {
            return false;
        }

        await store.WriteAsync(new UsernameState(userId) { Pending = true, ClaimedAt = clock.GetUtcNow() }, this, logger);
        return true;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var state = Current;
        if (state.UserId is null && state.HasLockoutHistory && state.Lockouts.WithoutExpired(clock.GetUtcNow(), options.Value).IsEmpty)
        {
            await store.ClearStateAsync(cancellationToken);
        }
    }

    public Task<string?> GetUserIdAsync() => Task.FromResult(Current.UserId);

    public async Task ReleaseAsync(string userId)
    {
        if (store.State?.UserId == userId)
        {
            await store.ClearStateAsync();
        }
    }

    public async Task<TimeSpan?> RecordUnknownLoginFailureAsync(ClientInfo client)
    {
        var now = clock.GetUtcNow();
        var state = Current;
        var source = LoginSource.OfAddress(client.Ip, []);
        if (state.Lockouts.Remaining(source, now) is { } remaining)
        {
            return remaining;
        }

        // A real account keeps its counters in its stored state, so these are stored too: otherwise they
        // would start over whenever this grain leaves memory, and the next lockout would be shorter.
        // Both forget a source's history after the longest lockout, so guessed names do not keep rows forever.
        await store.WriteAsync(state with { Lockouts = state.Lockouts.AfterFailure(source, now, options.Value, out _) }, this, logger);
        return null;
    }
}
