using Orleans.Storage;

namespace SessionService.Silo;

/// <summary>
/// Lets one grain-state write at a time reach the embedded SQLite file. SQLite has a single writer;
/// concurrent writers get SQLITE_BUSY, which Microsoft.Data.Sqlite answers by sleeping about 150 ms
/// before retrying, a long tail on every contended refresh. Queuing the writes here instead costs no
/// throughput (each commit waits for the file anyway). Storage itself stays Orleans' ADO.NET provider.
/// </summary>
public sealed class SerializedWrites(IGrainStorage inner) : IGrainStorage
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _writer.WaitAsync();
        try
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _writer.WaitAsync();
        try
        {
            await inner.ClearStateAsync(stateName, grainId, grainState);
        }
        finally
        {
            _writer.Release();
        }
    }
}
