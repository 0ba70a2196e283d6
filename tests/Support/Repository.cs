namespace SessionService.Tests.Support;

/// <summary>Where the repository and this test run's builds are, for tests that start real processes.</summary>
public static class Repository
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Cluster.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Cluster.sln not found above the test binaries.");
        }
    }

    /// <summary>Debug or Release: the silo and API builds next to this test build.</summary>
    public static string BuildConfiguration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
}
