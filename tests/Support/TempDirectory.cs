namespace SessionService.Tests.Support;

/// <summary>A directory under /tmp for one test's storage, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("session-service-tests-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold the SQLite file for a moment; /tmp is cleaned anyway.
        }
    }
}
