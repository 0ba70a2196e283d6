using System.Diagnostics;

namespace SessionService.Tests.Support;

/// <summary>
/// A PostgreSQL data directory made by initdb once per test run, with the options deploy/local-cluster.sh
/// uses, and copied into the directory of each later <see cref="LocalCluster"/>, where the script then finds
/// a data directory and skips its own initdb: initdb takes seconds, a copy of its files a fraction of one.
/// The first cluster of a run still goes through the script's initdb, so that path stays tested.
/// </summary>
internal static class PostgresTemplate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _firstLeftToTheScript;
    private static string? _template;

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Puts a fresh data directory at <c>pg</c> in <paramref name="clusterDirectory"/>, except for the run's first cluster.</summary>
    public static async Task SeedAsync(string clusterDirectory)
    {
        string template;
        await Gate.WaitAsync();
        try
        {
            if (!_firstLeftToTheScript)
            {
                _firstLeftToTheScript = true;
                return;
            }

            template = _template ??= await CreateAsync();
        }
        finally
        {
            Gate.Release();
        }

        await RunAsync("cp", "-a", template, Path.Combine(clusterDirectory, "pg"));
        await AllowPostgresInAsync(clusterDirectory);
    }

    private static async Task<string> CreateAsync()
    {
        var directory = Directory.CreateTempSubdirectory("session-service-pg-template-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        var data = Path.Combine(directory, "pg");
        Directory.CreateDirectory(data);
        await AllowPostgresInAsync(directory);
        var initdb = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin", "initdb")).Where(File.Exists)
            .OrderBy(path => Version.Parse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))!) + ".0")).Last();
        string[] arguments = [initdb, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"];
        if (IsRoot)
        {
            await RunAsync("chown", "postgres", data);
            await RunAsync("runuser", ["-u", "postgres", "--", .. arguments]);
        }
        else
        {
            await RunAsync(initdb, arguments[1..]);
        }

        return data;
    }

    /// <summary>As the script does: PostgreSQL runs as its own user (when the tests run as root) and must reach its data directory.</summary>
    private static async Task AllowPostgresInAsync(string directory)
    {
        if (IsRoot)
        {
            await RunAsync("chmod", "a+rx", directory);
        }
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"`{file} {string.Join(' ', arguments)}` failed ({process.ExitCode}): {await output}{errors}");
    }
}
