namespace SessionService.Silo;

/// <summary>
/// The data directory and its files are for this service's user only (0700 and 0600): they hold password hashes,
/// sealed keys and, by default, the key-encryption key. Existing ones are tightened at start. No-op on Windows,
/// where a new directory inherits its parent's ACL.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void CreateDirectory(string path)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerReadWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Creates the file empty when missing (so it never exists with wider rights), else narrows its mode.</summary>
    public static void CreateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            File.SetUnixFileMode(path, OwnerReadWrite);
        }
    }

    /// <summary>Narrows an existing file's mode; a missing one is left missing.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, OwnerReadWrite);
        }
    }
}
