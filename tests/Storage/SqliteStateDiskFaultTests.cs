using Microsoft.Data.Sqlite;
using SessionService.Silo.Storage;
using SessionService.Tests.Faults;
using static SessionService.Tests.Storage.TextStates;

namespace SessionService.Tests.Storage;

/// <summary>
/// The storage on a small file system of its own (<see cref="LoopFileSystem"/>, root only): a write the disk
/// refuses fails with SQLite's error (which the silo answers 503), and once the disk works again the same
/// storage writes again, without a restart.
/// </summary>
public sealed class SqliteStateDiskFaultTests
{
    [Fact]
    public async Task Writes_FailWhileTheFilesAreImmutable_AndSucceedAgainOnceTheyAreNot()
    {
        using var disk = LoopFileSystem.Mount();
        using (var file = new StateStorageFile(disk.Path))
        {
            var grain = GrainId.Create("user", "read-only");
            var state = Text("before");
            await file.Storage.WriteStateAsync("user", grain, state);

            disk.MakeImmutable();
            state.State = ["while read-only"];
            var refused = await Assert.ThrowsAnyAsync<SqliteException>(() => file.Storage.WriteStateAsync("user", grain, state));
            Assert.True(refused.SqliteErrorCode is 8 or 10 or 13, $"unexpected SQLite error {refused.SqliteErrorCode}"); // read-only, I/O error, full
            Assert.Equal("1", state.ETag);
            disk.MakeMutable();

            state.State = ["after"];
            await file.Storage.WriteStateAsync("user", grain, state);
            file.Reopen();
            var read = Text();
            await file.Storage.ReadStateAsync("user", grain, read);
            Assert.Equal(("after", "2"), (TextOf(read), read.ETag));
        }
    }

    [Fact]
    public async Task Writes_FailWhileTheDiskIsFull_AndSucceedAgainOnceThereIsSpace()
    {
        using var disk = LoopFileSystem.Mount();
        using (var file = new StateStorageFile(disk.Path))
        {
            var grain = GrainId.Create("user", "disk-full");
            var state = new GrainState<byte[]>(new byte[1000]);
            await file.Storage.WriteStateAsync("user", grain, state);

            disk.Fill();
            state.State = new byte[512 * 1024];
            var refused = await Assert.ThrowsAnyAsync<SqliteException>(() => file.Storage.WriteStateAsync("user", grain, state));
            Assert.True(refused.SqliteErrorCode is 8 or 10 or 13, $"unexpected SQLite error {refused.SqliteErrorCode}"); // read-only, I/O error, full
            disk.FreeSpace();

            await file.Storage.WriteStateAsync("user", grain, state);
            file.Reopen();
            var read = new GrainState<byte[]>();
            await file.Storage.ReadStateAsync("user", grain, read);
            Assert.Equal((512 * 1024, "2"), (read.State!.Length, read.ETag));
        }
    }
}
