using Orleans.Storage;
using static SessionService.Tests.Storage.TextStates;

namespace SessionService.Tests.Storage;

/// <summary>
/// The embedded storage's answers to one grain at a time, as Orleans' own storage tests check them: a missing
/// state, the round trip, ETag conflicts, clearing, and a large state.
/// </summary>
public sealed class SqliteGrainStateStorageTests : IDisposable
{
    private readonly StateStorageFile _file = new();

    private IGrainStorage Storage => _file.Storage;

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Read_OfAStateNeverWritten_GivesTheDefaultState_NoETag_AndNoRecord()
    {
        var state = new GrainState<List<string>>(["left over"]) { ETag = "7", RecordExists = true };

        await Storage.ReadStateAsync("user", NewGrain(), state);

        Assert.Empty(state.State!);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Write_ThenRead_GivesTheLastStateAndItsETag_AlsoAfterReopeningTheFile()
    {
        var grain = NewGrain();
        var writer = new GrainState<List<string>>(["first"]);
        await Storage.WriteStateAsync("user", grain, writer);
        Assert.Equal("1", writer.ETag);
        Assert.True(writer.RecordExists);
        writer.State = ["second", "third"];
        await Storage.WriteStateAsync("user", grain, writer);
        Assert.Equal("2", writer.ETag);

        _file.Reopen();
        var reader = new GrainState<List<string>>();
        await Storage.ReadStateAsync("user", grain, reader);

        Assert.Equal(["second", "third"], reader.State);
        Assert.Equal("2", reader.ETag);
        Assert.True(reader.RecordExists);
    }

    [Fact]
    public async Task Write_WithAStaleETag_FailsWithInconsistentState_AndTheNewerStateStays()
    {
        var grain = NewGrain();
        var current = Text("one");
        await Storage.WriteStateAsync("user", grain, current);
        var stale = Text("stale", current.ETag);
        current.State = ["two"];
        await Storage.WriteStateAsync("user", grain, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("user", grain, stale));

        Assert.Equal(("two", "2"), await ReadTextAsync(grain));
        Assert.Equal("1", stale.ETag);
    }

    [Fact]
    public async Task Write_WithoutETag_WhenTheStateExists_FailsWithInconsistentState()
    {
        var grain = NewGrain();
        await Storage.WriteStateAsync("user", grain, Text("there"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("user", grain, Text("never read")));

        Assert.Equal(("there", "1"), await ReadTextAsync(grain));
    }

    [Fact]
    public async Task Write_WithAnETag_WhenNoStateExists_FailsWithInconsistentState_AndCreatesNothing()
    {
        var grain = NewGrain();

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("user", grain, Text("ghost", "3")));

        Assert.Equal((null, null), await ReadTextAsync(grain));
    }

    [Fact]
    public async Task Clear_ThenRead_GivesTheDefaultState_NoRecord_AndTheClearsVersion()
    {
        var grain = NewGrain();
        var state = new GrainState<List<string>>(["kept"]);
        await Storage.WriteStateAsync("user", grain, state);

        await Storage.ClearStateAsync("user", grain, state);
        Assert.Equal("2", state.ETag);
        Assert.False(state.RecordExists);
        Assert.Empty(state.State!);

        var reader = new GrainState<List<string>>(["left over"]);
        await Storage.ReadStateAsync("user", grain, reader);
        Assert.Empty(reader.State!);
        Assert.Equal("2", reader.ETag);
        Assert.False(reader.RecordExists);
    }

    [Fact]
    public async Task Write_AfterClear_WithTheClearsETag_Succeeds_ButAWriterOfTheVersionBeforeTheClearFails()
    {
        var grain = NewGrain();
        var state = Text("before");
        await Storage.WriteStateAsync("user", grain, state);
        var beforeClear = Text("late", state.ETag);
        await Storage.ClearStateAsync("user", grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("user", grain, beforeClear));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("user", grain, Text("no etag")));
        state.State = ["after"];
        await Storage.WriteStateAsync("user", grain, state);

        Assert.Equal(("after", "3"), await ReadTextAsync(grain));
    }

    [Fact]
    public async Task Clear_OfAStateNeverWritten_WritesNothing_SoAFirstWriteStillCreatesIt()
    {
        var grain = NewGrain();
        var state = Text("unsaved");

        await Storage.ClearStateAsync("user", grain, state);
        Assert.Null(state.ETag);
        Assert.Equal((null, null), await ReadTextAsync(grain));

        await Storage.WriteStateAsync("user", grain, Text("first"));
        Assert.Equal(("first", "1"), await ReadTextAsync(grain));
    }

    [Fact]
    public async Task Clear_WithAStaleETag_FailsWithInconsistentState_AndTheStateStays()
    {
        var grain = NewGrain();
        var current = Text("one");
        await Storage.WriteStateAsync("user", grain, current);
        var stale = Text(null, current.ETag);
        await Storage.WriteStateAsync("user", grain, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("user", grain, stale));

        Assert.Equal(("one", "2"), await ReadTextAsync(grain));
    }

    [Fact]
    public async Task States_AreKeptApart_ByStateName_ByGrainType_AndByKey()
    {
        var grain = NewGrain();
        var sameKeyOtherType = GrainId.Create("username", grain.Key.ToString()!);
        var longerKey = GrainId.Create(grain.Type, grain.Key + "x");
        await Storage.WriteStateAsync("user", grain, Text("user state"));
        await Storage.WriteStateAsync("profile", grain, Text("other state name"));
        await Storage.WriteStateAsync("user", sameKeyOtherType, Text("other grain type"));
        await Storage.WriteStateAsync("user", longerKey, Text("other key"));

        Assert.Equal(("user state", "1"), await ReadTextAsync(grain));
        Assert.Equal(("other state name", "1"), await ReadTextAsync(grain, "profile"));
        Assert.Equal(("other grain type", "1"), await ReadTextAsync(sameKeyOtherType));
        Assert.Equal(("other key", "1"), await ReadTextAsync(longerKey));
    }

    [Fact]
    public async Task LargeState_RoundTrips_ByteForByte()
    {
        var grain = NewGrain();
        var large = new byte[8 * 1024 * 1024];
        Random.Shared.NextBytes(large);

        await Storage.WriteStateAsync("user", grain, new GrainState<byte[]>(large));
        _file.Reopen();

        var read = new GrainState<byte[]>();
        await Storage.ReadStateAsync("user", grain, read);
        Assert.Equal("1", read.ETag);
        Assert.True(large.AsSpan().SequenceEqual(read.State));
    }

    private async Task<(string? Text, string? ETag)> ReadTextAsync(GrainId grain, string stateName = "user")
    {
        var state = Text();
        await Storage.ReadStateAsync(stateName, grain, state);
        Assert.Equal(state.RecordExists, TextOf(state) is not null);
        return (TextOf(state), state.ETag);
    }

    private static GrainId NewGrain() => GrainId.Create("user", Guid.NewGuid().ToString("N"));
}
