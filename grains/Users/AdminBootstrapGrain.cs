using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Users;

public sealed class AdminBootstrapGrain(
    [PersistentState("admin-bootstrap", StorageNames.Sessions)] IPersistentState<AdminBootstrapState> store,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock,
    ILogger<AdminBootstrapGrain> logger) : Grain, IAdminBootstrapGrain
{
    public Task<bool> IsDoneAsync() => Task.FromResult(store.State?.DoneAt is not null);

    public Task MarkDoneAsync() => store.State?.DoneAt is not null
        ? Task.CompletedTask
        : store.WriteAsync(new AdminBootstrapState(clock.GetUtcNow()), this, logger);
}

[GenerateSerializer, Immutable, Alias("AdminBootstrapState")]
public sealed record AdminBootstrapState([property: Id(0)] DateTimeOffset? DoneAt);
