using SessionService.Tests.Support;

namespace SessionService.Tests.Faults;

/// <summary>
/// A small ext4 file system of the test's own, in an image file mounted through a loop device, so a
/// storage fault hits only the node under test. Faults: every file made immutable (<c>chattr +i</c>:
/// writes fail with EPERM even through descriptors already open and even for root, which file
/// permissions would not stop), and the file system filled up (ENOSPC). Made with <c>-m 0</c>: the
/// node runs as root and would otherwise still write into the blocks reserved for root. Needs root and
/// a loop device; without them the test fails and says so instead of being skipped.
/// </summary>
public sealed class LoopFileSystem : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _image;
    private readonly string _mountPoint;
    private bool _mounted;

    private LoopFileSystem()
    {
        _image = System.IO.Path.Combine(_directory.Path, "disk.img");
        _mountPoint = System.IO.Path.Combine(_directory.Path, "mnt");
        Path = System.IO.Path.Combine(_mountPoint, "data");
    }

    /// <summary>The node's storage directory, on the loop file system.</summary>
    public string Path { get; }

    /// <summary>How many times <see cref="Fill"/> tops the file system up before it gives up.</summary>
    private const int FillerTails = 5;

    private string Filler => System.IO.Path.Combine(_mountPoint, "filler");

    public static LoopFileSystem Mount(int megabytes = 64)
    {
        Assert.True(Environment.UserName == "root" || HostCommand.TryRun("id", "-u").Output == "0",
            "the embedded storage-fault tests mount a loop file system, which needs root (CI runs them as root); run the tests as root");
        var disk = new LoopFileSystem();
        HostCommand.Run("truncate", "-s", $"{megabytes}M", disk._image);
        HostCommand.Run("mkfs.ext4", "-q", "-m", "0", disk._image);
        Directory.CreateDirectory(disk._mountPoint);
        var (exitCode, output) = HostCommand.TryRun("mount", "-o", "loop", disk._image, disk._mountPoint);
        if (exitCode != 0)
        {
            disk.Dispose();
            Assert.Fail($"cannot loop-mount an ext4 image for the storage-fault tests (needs root and a loop device): {output}");
        }

        disk._mounted = true;
        Directory.CreateDirectory(disk.Path);
        return disk;
    }

    /// <summary>
    /// The storage directory and every file in it become immutable: no write, create or delete
    /// succeeds. Except SQLite's shared-memory index (<c>*-shm</c>), which it maps into memory: on an
    /// immutable file a store to that mapping is a SIGBUS that kills the process outright (tried:
    /// exit 135), a crash no read-only disk causes, and one the crash test covers anyway. The index
    /// holds no data; the database and its write-ahead log, where the writes go, do become immutable.
    /// </summary>
    public void MakeImmutable() =>
        HostCommand.Run("chattr", ["+i", Path, .. Directory.GetFiles(Path).Where(file => !file.EndsWith("-shm", StringComparison.Ordinal))]);

    public void MakeMutable() => HostCommand.Run("chattr", "-R", "-i", Path);

    /// <summary>Writes filler files until the file system has no free block left.</summary>
    public void Fill()
    {
        // dd stops with "No space left on device" (exit code 1): that is the point. Big blocks first,
        // then 1 KiB blocks (the block size mkfs picks for a file system this small) for the rest, again
        // while the node under load frees a block meanwhile (SQLite deletes or truncates a file).
        HostCommand.TryRun("dd", "if=/dev/zero", $"of={Filler}", "bs=1M");
        var available = "";
        for (var tail = 0; tail < FillerTails && available != "0"; tail++)
        {
            HostCommand.TryRun("dd", "if=/dev/zero", $"of={Filler}-tail{tail}", "bs=1k");
            available = HostCommand.Run("df", "--output=avail", "-B1", _mountPoint).Split('\n')[^1].Trim();
        }

        Assert.True(available == "0", $"the loop file system still has {available} bytes free after filling it");
    }

    public void FreeSpace()
    {
        File.Delete(Filler);
        for (var tail = 0; tail < FillerTails; tail++)
        {
            File.Delete($"{Filler}-tail{tail}");
        }
    }

    /// <summary>Run after the node has stopped: a mounted file system that is busy cannot be unmounted.</summary>
    public void Dispose()
    {
        if (_mounted)
        {
            HostCommand.TryRun("chattr", "-R", "-i", Path);
            if (HostCommand.TryRun("umount", _mountPoint).ExitCode != 0)
            {
                HostCommand.TryRun("umount", "-l", _mountPoint);
            }

            _mounted = false;
        }

        _directory.Dispose();
    }
}
