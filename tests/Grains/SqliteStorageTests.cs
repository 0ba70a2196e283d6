using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Storage;
using SessionService.Grains;
using SessionService.Silo;
using SessionService.Silo.Storage;
using SessionService.Tests.Support;

namespace SessionService.Tests.Grains;

/// <summary>The embedded mode's storage as the silo has it: versions and stale writers through the silo's own registration.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class SqliteStorageTests(GrainClusterFixture fixture)
{
    private IGrainStorage Storage => fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions);

    [Fact]
    public async Task WriteStateAsync_BumpsTheVersion_AndReadsBackTheLastWrite()
    {
        var grain = NewGrainId();
        var writer = new GrainState<string>("first");
        await Storage.WriteStateAsync("state", grain, writer);
        var firstVersion = writer.ETag;
        writer.State = "second";
        await Storage.WriteStateAsync("state", grain, writer);

        var reader = new GrainState<string>();
        await Storage.ReadStateAsync("state", grain, reader);
        Assert.Equal("second", reader.State);
        Assert.True(reader.RecordExists);
        Assert.Equal(writer.ETag, reader.ETag);
        Assert.NotEqual(firstVersion, reader.ETag);
    }

    [Fact]
    public async Task WriteStateAsync_IsRefused_WhenTheWriterSawAnOlderVersion()
    {
        var grain = NewGrainId();
        var current = new GrainState<string>("one");
        await Storage.WriteStateAsync("state", grain, current);
        var stale = new GrainState<string>("stale") { ETag = current.ETag, RecordExists = true };
        current.State = "two";
        await Storage.WriteStateAsync("state", grain, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", grain, new GrainState<string>("never read")));

        var reader = new GrainState<string>();
        await Storage.ReadStateAsync("state", grain, reader);
        Assert.Equal("two", reader.State);
    }

    [Fact]
    public async Task WriteStateAsync_KeepsGrainsApart_WhenTheyDifferOnlyInKey()
    {
        var first = NewGrainId();
        var second = GrainId.Create(first.Type, first.Key.ToString() + "x");
        await Storage.WriteStateAsync("state", first, new GrainState<string>("a"));
        await Storage.WriteStateAsync("state", second, new GrainState<string>("b"));

        var reader = new GrainState<string>();
        await Storage.ReadStateAsync("state", first, reader);
        Assert.Equal("a", reader.State);
    }

    [Fact]
    public void EmbeddedStorage_IsTheSqliteStateStorage_WithFailuresTranslated()
    {
        Assert.IsType<SqliteGrainStateStorage>(Assert.IsType<StorageFailureTranslation>(Storage).Inner);
    }

    [Fact]
    public void PersistentStateGrainTypes_NameTheGrainTypeOfEveryStateInTheSessionStorage()
    {
        var resolver = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<GrainTypeResolver>();

        var types = PersistentStateGrainTypes.In(typeof(StorageNames).Assembly, StorageNames.Sessions, resolver);

        Assert.Equal(resolver.GetGrainType(typeof(SessionService.Grains.Users.UserGrain)), types["user"]);
        Assert.Equal(resolver.GetGrainType(typeof(SessionService.Grains.Users.UsernameGrain)), types["username"]);
        Assert.Equal(12, types.Count);
    }

    private static GrainId NewGrainId() => GrainId.Create("storage-test", Guid.NewGuid().ToString("N"));
}
