using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using SessionService.Grains.Contracts;
using SessionService.Silo.Telemetry;

namespace SessionService.Silo;

/// <summary>
/// The session storage as grains see it: any failure of the provider below becomes a
/// <see cref="StorageUnavailableException"/> (answered 503 with Retry-After), logged here with its cause.
/// An ETag conflict stays what it is: Orleans' own exception, which callers already understand.
/// </summary>
public sealed partial class StorageFailureTranslation(IGrainStorage inner, ILogger<StorageFailureTranslation> logger) : IGrainStorage, IDisposable
{
    /// <summary>The storage whose failures this translates.</summary>
    public IGrainStorage Inner => inner;

    /// <summary>The container disposes only this decorator; the storage below must answer its queued writes and close on shutdown.</summary>
    public void Dispose() => (inner as IDisposable)?.Dispose();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        TranslateAsync("read", grainId, () => inner.ReadStateAsync(stateName, grainId, grainState));

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var started = Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            await TranslateAsync("write", grainId, () => inner.WriteStateAsync(stateName, grainId, grainState));
            succeeded = true;
        }
        finally
        {
            StorageMetrics.RecordWrite(started, succeeded);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        TranslateAsync("clear", grainId, () => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task TranslateAsync(string operation, GrainId grainId, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is not InconsistentStateException and not StorageUnavailableException)
        {
            StorageFailed(logger, e, operation, grainId.ToString());
            throw new StorageUnavailableException($"Storage could not {operation} the state of {grainId.Type}.");
        }
    }

    [LoggerMessage(EventId = 3002, EventName = "StorageFailed", Level = LogLevel.Warning,
        Message = "Storage could not {Operation} the state of {GrainId}")]
    private static partial void StorageFailed(ILogger logger, Exception exception, string operation, string grainId);
}
