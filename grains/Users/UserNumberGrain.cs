using Microsoft.Extensions.Logging;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Users;

public sealed class UserNumberGrain(
    [PersistentState("user-number", StorageNames.Sessions)] IPersistentState<UserNumberState> store,
    ILogger<UserNumberGrain> logger) : Grain, IUserNumberGrain
{
    public async Task<bool> TryClaimAsync(string userId)
    {
        if (store.State.UserId is { } holder)
        {
            return holder == userId;
        }

        await store.WriteAsync(new UserNumberState(userId), this, logger);
        return true;
    }

    public Task<string?> GetHolderAsync() => Task.FromResult(store.State.UserId);
}

[GenerateSerializer, Immutable, Alias("UserNumberState")]
public sealed record UserNumberState([property: Id(0)] string? UserId)
{
    public UserNumberState() : this((string?)null)
    {
    }
}
