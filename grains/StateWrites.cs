using Microsoft.Extensions.Logging;

namespace SessionService.Grains;

/// <summary>How a grain changes its stored state: the new state counts only once storage has it.</summary>
internal static class StateWrites
{
    /// <summary>
    /// Writes <paramref name="next"/> as the grain's state. When the write fails the activation keeps its
    /// previous state and deactivates once idle: a write can fail after it reached the disk, so the next
    /// call reads whatever storage really holds instead of trusting either version.
    /// </summary>
    public static async Task WriteAsync<T>(this IPersistentState<T> store, T next, IGrainBase grain, ILogger logger)
    {
        var previous = store.State;
        store.State = next;
        try
        {
            await store.WriteStateAsync();
        }
        catch (Exception e)
        {
            store.State = previous;
            Log.StateWriteFailed(logger, e, grain.GrainContext.GrainId.ToString());
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
