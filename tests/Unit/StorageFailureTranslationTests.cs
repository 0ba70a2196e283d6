using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using SessionService.Grains.Contracts;
using SessionService.Silo;

namespace SessionService.Tests.Unit;

/// <summary>Storage failures reach callers as one serializable "try again" exception; an ETag conflict stays itself.</summary>
public sealed class StorageFailureTranslationTests
{
    private static readonly GrainId Grain = GrainId.Create("user", "u1");

    public static TheoryData<Exception> ProviderFailures() => new()
    {
        new SqliteException("database or disk is full", 13),
        new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:5432"),
        new IOException("Input/output error"),
        new TimeoutException(),
    };

    [Theory]
    [MemberData(nameof(ProviderFailures))]
    public async Task ProviderFailure_OnReadWriteAndClear_BecomesStorageUnavailable(Exception failure)
    {
        var storage = new StorageFailureTranslation(new Failing(failure), NullLogger<StorageFailureTranslation>.Instance);
        var state = new GrainState<string>();

        var read = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.ReadStateAsync("user", Grain, state));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.WriteStateAsync("user", Grain, state));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.ClearStateAsync("user", Grain, state));
        Assert.Null(read.InnerException);
        Assert.DoesNotContain("127.0.0.1", read.Message);
    }

    [Fact]
    public async Task EtagConflict_PassesThroughUnchanged()
    {
        var conflict = new InconsistentStateException("stale", "1", "2");
        var storage = new StorageFailureTranslation(new Failing(conflict), NullLogger<StorageFailureTranslation>.Instance);

        Assert.Same(conflict, await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("user", Grain, new GrainState<string>())));
    }

    private sealed class Failing(Exception failure) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.FromException(failure);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.FromException(failure);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.FromException(failure);
    }
}
