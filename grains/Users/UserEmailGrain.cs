using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Users;

public sealed class UserEmailGrain(
    [PersistentState("user-email", StorageNames.Sessions)] IPersistentState<UserEmailState> store,
    ILogger<UserEmailGrain> logger) : Grain, IUserEmailGrain
{
    public Task AddAsync(string userId) =>
        store.State.UserIds.Contains(userId) ? Task.CompletedTask : store.WriteAsync(new UserEmailState(store.State.UserIds.Add(userId)), this, logger);

    public Task RemoveAsync(string userId) =>
        store.State.UserIds.Contains(userId) ? store.WriteAsync(new UserEmailState(store.State.UserIds.Remove(userId)), this, logger) : Task.CompletedTask;

    public Task<ImmutableArray<string>> GetUserIdsAsync() => Task.FromResult(store.State.UserIds.ToImmutableArray());
}

[GenerateSerializer, Immutable, Alias("UserEmailState")]
public sealed record UserEmailState([property: Id(0)] ImmutableSortedSet<string> UserIds)
{
    public UserEmailState() : this(ImmutableSortedSet<string>.Empty)
    {
    }
}
