using Microsoft.Extensions.Logging;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Users;

/// <summary>
/// Reserves numbers in batches: the end of the batch is stored before a number of it is handed out, so a restart
/// skips the rest of the batch instead of handing a number out twice. Gaps are fine; reuse is not.
/// </summary>
public sealed class UserNumberSequenceGrain(
    [PersistentState("user-number-sequence", StorageNames.Sessions)] IPersistentState<UserNumberSequenceState> store,
    ILogger<UserNumberSequenceGrain> logger) : Grain, IUserNumberSequenceGrain
{
    public const long BatchSize = 20;

    private long? _next;

    public async Task<long> NextAsync()
    {
        var next = _next ?? store.State.Reserved + 1;
        if (next > store.State.Reserved)
        {
            await store.WriteAsync(new UserNumberSequenceState(next + BatchSize - 1), this, logger);
        }

        _next = next + 1;
        return next;
    }

    public async Task SkipPastAsync(long number)
    {
        if (number > store.State.Reserved)
        {
            await store.WriteAsync(new UserNumberSequenceState(number), this, logger);
        }

        if ((_next ?? store.State.Reserved + 1) <= number)
        {
            _next = number + 1;
        }
    }

    public Task<long> GetHighestAsync() => Task.FromResult(store.State.Reserved);
}

[GenerateSerializer, Immutable, Alias("UserNumberSequenceState")]
public sealed record UserNumberSequenceState([property: Id(0)] long Reserved)
{
    public UserNumberSequenceState() : this(0)
    {
    }
}
