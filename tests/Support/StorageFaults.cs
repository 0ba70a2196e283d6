using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SessionService.Grains;

namespace SessionService.Tests.Support;

/// <summary>
/// Switches that make the silo's session storage fail as a full disk does (SQLite's own error), for the
/// tests that have no file system of their own to fill. <see cref="FailingWrites"/> counts the refused ones.
/// </summary>
public sealed class StorageFaults
{
    private int _failingWrites;
    private int _writesLeft = int.MaxValue;

    public volatile bool WritesFail;
    public volatile bool ReadsFail;

    public int FailingWrites => _failingWrites;

    /// <summary>Lets this many more writes through, then refuses every write until <see cref="WritesSucceed"/>.</summary>
    public void FailWritesAfter(int writes) => Volatile.Write(ref _writesLeft, writes);

    public void WritesSucceed()
    {
        WritesFail = false;
        Volatile.Write(ref _writesLeft, int.MaxValue);
    }

    internal void OnWrite()
    {
        if (WritesFail || Interlocked.Decrement(ref _writesLeft) < 0)
        {
            Interlocked.Increment(ref _failingWrites);
            throw new SqliteException("database or disk is full", 13);
        }
    }

    internal void OnRead()
    {
        if (ReadsFail)
        {
            throw new SqliteException("disk I/O error", 10);
        }
    }

    /// <summary>Wraps the session storage registered so far in one that obeys these switches.</summary>
    public void DecorateSessionStorage(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, StorageNames.Sessions));
        services.Remove(original);
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Sessions, (provider, key) =>
            new FaultyGrainStorage((IGrainStorage)original.KeyedImplementationFactory!.Invoke(provider, key), this));
    }
}

internal sealed class FaultyGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.OnRead();
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.OnWrite();
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.OnWrite();
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
