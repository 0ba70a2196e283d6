using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using SessionService.Grains;
using SessionService.Silo.Storage;
using SessionService.Tests.Storage.Legacy;
using SessionService.Tests.Support;
using static SessionService.Tests.Storage.TextStates;

namespace SessionService.Tests.Storage;

/// <summary>
/// A database that Orleans' ADO.NET provider wrote (the provider itself, on the schema embedded nodes had)
/// moved into the new table: every kind of key, versions kept as ETags, cleared states, rows left behind.
/// </summary>
public sealed class LegacyStateMigrationTests : IDisposable
{
    private const string ServiceId = "session-service";

    private static readonly Dictionary<string, GrainType> GrainTypes = new()
    {
        ["user"] = GrainType.Create("user"),
        ["username"] = GrainType.Create("username"),
        ["user-number"] = GrainType.Create("usernumber"),
        ["user-email"] = GrainType.Create("useremail"),
    };

    private readonly TempDirectory _directory = new();

    private string DatabasePath => SqliteDatabase.PathIn(_directory.Path);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task StatesWrittenByOrleansProvider_ReadTheSame_AfterTheMigration_WithTheirETags()
    {
        var grains = new[]
        {
            GrainId.Create("user", Ids.NewUserId()),                                        // a GUID-shaped string key
            GrainId.Create("username", "ALICE"),                                            // a plain string key
            GrainId.Create("username", "CAFE"),                                             // a string key that reads as hex
            GrainId.Create(GrainType.Create("usernumber"), GrainIdKeyExtensions.CreateIntegerKey(42)),        // an integer key
            GrainId.Create(GrainType.Create("usernumber"), GrainIdKeyExtensions.CreateIntegerKey(-7)),        // a negative one
            GrainId.Create("useremail", "bob+news@example.com"),                            // a '+' that is not an extension
            GrainId.Create(GrainType.Create("user"), GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), "ext")), // a GUID key with an extension
        };
        var stateNames = new[] { "user", "username", "username", "user-number", "user-number", "user-email", "user" };
        var legacy = await OrleansAdoNetSqlite.StartAsync(DatabasePath, ServiceId);
        var written = new List<(string, string?)>();
        for (var i = 0; i < grains.Length; i++)
        {
            var state = Text($"state of {grains[i]}");
            for (var write = 0; write <= i % 3; write++)
            {
                await legacy.WriteStateAsync(stateNames[i], grains[i], state);
            }

            written.Add((TextOf(state)!, state.ETag));
        }

        Assert.Equal(grains.Length, Migrate());

        using var storage = StateStorageFile.Open(DatabasePath);
        for (var i = 0; i < grains.Length; i++)
        {
            var read = Text();
            await storage.ReadStateAsync(stateNames[i], grains[i], read);
            Assert.True(read.RecordExists, $"{grains[i]} was not moved");
            Assert.Equal(written[i], (TextOf(read), read.ETag));
        }
    }

    [Theory]
    [InlineData("username", "username", "007")]                  // reads as the integer 7: Orleans spells it "7"
    [InlineData("user-email", "useremail", "ed+news@example.com")] // reads as 0xED with an extension: "ED+news@example.com"
    public async Task AKeyTheMoveCouldNotSpellBack_ReadsItsOldState_UntilItWritesItsOwn(string stateName, string grainType, string key)
    {
        var grain = GrainId.Create(grainType, key);
        var legacy = await OrleansAdoNetSqlite.StartAsync(DatabasePath, ServiceId);
        await legacy.WriteStateAsync(stateName, grain, Text("before the move"));
        Assert.Equal(1, Migrate());

        using var storage = StateStorageFile.Open(DatabasePath, ServiceId);
        var read = Text();
        await storage.ReadStateAsync(stateName, grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal("before the move", TextOf(read));
        read.State = ["after the move"];
        await storage.WriteStateAsync(stateName, grain, read);

        var again = Text();
        await storage.ReadStateAsync(stateName, grain, again);
        Assert.Equal(("after the move", read.ETag), (TextOf(again), again.ETag));
        var stranger = Text();
        await storage.ReadStateAsync(stateName, GrainId.Create(grainType, key.Replace('7', '8').Replace("ed+", "ee+")), stranger);
        Assert.False(stranger.RecordExists);
    }

    [Fact]
    public async Task WithoutTheOldTablesLookup_AKeyTheMoveCouldNotSpellBack_FindsNothing()
    {
        var grain = GrainId.Create("username", "007");
        var legacy = await OrleansAdoNetSqlite.StartAsync(DatabasePath, ServiceId);
        await legacy.WriteStateAsync("username", grain, Text("before the move"));
        Migrate();

        using var storage = StateStorageFile.Open(DatabasePath);
        var read = Text();
        await storage.ReadStateAsync("username", grain, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task AGrainsETagFromBeforeTheMigration_StillWrites_AndAnOlderOneStillFails()
    {
        var grain = GrainId.Create("user", Ids.NewUserId());
        var legacy = await OrleansAdoNetSqlite.StartAsync(DatabasePath, ServiceId);
        var state = Text("one");
        await legacy.WriteStateAsync("user", grain, state);
        var older = Text("older", state.ETag);
        await legacy.WriteStateAsync("user", grain, state);

        Migrate();

        using var storage = StateStorageFile.Open(DatabasePath);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("user", grain, older));
        state.State = ["after the migration"];
        await storage.WriteStateAsync("user", grain, state);
        Assert.Equal("3", state.ETag);
    }

    [Fact]
    public async Task AClearedState_StaysCleared_WithItsVersion()
    {
        var grain = GrainId.Create("user", Ids.NewUserId());
        var legacy = await OrleansAdoNetSqlite.StartAsync(DatabasePath, ServiceId);
        var state = Text("soon gone");
        await legacy.WriteStateAsync("user", grain, state);
        await legacy.ClearStateAsync("user", grain, state);

        Migrate();

        using var storage = StateStorageFile.Open(DatabasePath);
        var read = Text("left over");
        await storage.ReadStateAsync("user", grain, read);
        Assert.False(read.RecordExists);
        Assert.Null(TextOf(read));
        Assert.Equal(state.ETag, read.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("user", grain, Text("no etag")));
    }

    [Fact]
    public async Task TheMigration_RunsOnce_RenamesTheOldTable_WithTheRowsItCouldNotMove()
    {
        var moved = GrainId.Create("user", Ids.NewUserId());
        var legacy = await OrleansAdoNetSqlite.StartAsync(DatabasePath, ServiceId);
        await legacy.WriteStateAsync("user", moved, Text("moved"));
        await legacy.WriteStateAsync("unknown-state", GrainId.Create("user", "x"), Text("no grain type keeps this state"));
        var otherService = await OrleansAdoNetSqlite.StartAsync(DatabasePath, "another-service");
        await otherService.WriteStateAsync("user", moved, Text("another service's"));

        Assert.Equal(1, Migrate());
        Assert.Equal(0, Migrate());

        Assert.Equal(0, Count("SELECT count(*) FROM sqlite_master WHERE name IN ('OrleansStorage', 'OrleansQuery')"));
        var backup = Tables().Single(t => t.StartsWith("OrleansStorage_migrated_", StringComparison.Ordinal));
        Assert.Equal(3, Count($"SELECT count(*) FROM {backup}"));
        Assert.Equal(1, Count("SELECT count(*) FROM grain_state"));
        using var storage = StateStorageFile.Open(DatabasePath);
        var read = Text();
        await storage.ReadStateAsync("user", moved, read);
        Assert.Equal(("moved", "1"), (TextOf(read), read.ETag));
    }

    [Fact]
    public void TheMigration_OfADatabaseWithoutTheOldTable_MovesNothing_AndDoesNotLookForGrainTypes()
    {
        SqliteDatabase.EnsureCreated(DatabasePath);
        var lookedForGrainTypes = false;

        var moved = LegacyStateMigration.Run(DatabasePath, ServiceId, () =>
        {
            lookedForGrainTypes = true;
            return GrainTypes;
        }, NullLogger.Instance);

        Assert.Equal(0, moved);
        Assert.False(lookedForGrainTypes);
        Assert.DoesNotContain(Tables(), t => t.StartsWith("OrleansStorage", StringComparison.Ordinal));
    }

    private int Migrate()
    {
        SqliteDatabase.EnsureCreated(DatabasePath);
        return LegacyStateMigration.Run(DatabasePath, ServiceId, () => GrainTypes, NullLogger.Instance);
    }

    private long Count(string sql)
    {
        using var connection = SqliteDatabase.Open(DatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private List<string> Tables()
    {
        using var connection = SqliteDatabase.Open(DatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var rows = command.ExecuteReader();
        var names = new List<string>();
        while (rows.Read())
        {
            names.Add(rows.GetString(0));
        }

        return names;
    }
}
