using SessionService.Grains.Contracts;

namespace SessionService.Grains.Users;

[GenerateSerializer, Immutable, Alias("UsernameState")]
public sealed record UsernameState([property: Id(0)] string? UserId);

/// <summary>Keyed by the normalized user name; one activation per name makes claiming it race-free.</summary>
public sealed class UsernameGrain(
    [PersistentState("username", StorageNames.Sessions)] IPersistentState<UsernameState> store) : Grain, IUsernameGrain
{
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
}
