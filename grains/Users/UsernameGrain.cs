using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Users;

[GenerateSerializer, Immutable, Alias("UsernameState")]
public sealed record UsernameState([property: Id(0)] string? UserId);

/// <summary>Keyed by the normalized user name; one activation per name makes claiming it race-free.</summary>
public sealed class UsernameGrain(
    [PersistentState("username", StorageNames.Sessions)] IPersistentState<UsernameState> store,
    IOptions<AuthOptions> options,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock) : Grain, IUsernameGrain
{
    private (int Failures, int Lockouts, DateTimeOffset? LockedUntil) _unknownNameLockout;

    public async Task<bool> TryClaimAsync(string userId)
    {
        if (store.State?.UserId is { } owner)
        {
            return owner == userId;
        }

        store.State = new UsernameState(userId);
        await store.WriteStateAsync();
        return true;
    }

    public Task<string?> GetUserIdAsync() => Task.FromResult(store.State?.UserId);

    public async Task ReleaseAsync(string userId)
    {
        if (store.State?.UserId == userId)
        {
            await store.ClearStateAsync();
        }
    }

    public Task<TimeSpan?> RecordUnknownLoginFailureAsync()
    {
        var now = clock.GetUtcNow();
        if (LockoutPolicy.Remaining(_unknownNameLockout.LockedUntil, now) is { } remaining)
        {
            return Task.FromResult<TimeSpan?>(remaining);
        }

        var (failures, lockouts, lockedUntil) = LockoutPolicy.AfterFailure(_unknownNameLockout.Failures, _unknownNameLockout.Lockouts, now, options.Value);
        _unknownNameLockout = (failures, lockouts, lockedUntil ?? _unknownNameLockout.LockedUntil);
        return Task.FromResult<TimeSpan?>(null);
    }
}
