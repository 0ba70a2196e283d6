using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;

namespace SessionService.Tests.Support;

/// <summary>
/// A real cluster of processes on 127.0.0.1 (PostgreSQL, 2 silos, 2 API nodes) started through
/// deploy/local-cluster.sh, the same script people use, over the build this test run already made.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly IDictionary<string, string> _environment;
    private Dictionary<string, string> _values = [];

    private LocalCluster(IDictionary<string, string> environment)
    {
        _environment = environment;
        ClusterSecret = environment.TryGetValue("Orleans__ClusterSecret", out var secret)
            ? secret
            : Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    }

    /// <summary>The Orleans:ClusterSecret every silo and API node of this cluster is given.</summary>
    public string ClusterSecret { get; }

    public Uri Api1 => new(_values["API1"]);
    public Uri Api2 => new(_values["API2"]);
    public int Silo1Pid => int.Parse(_values["SILO1_PID"]);
    public int Silo2Pid => int.Parse(_values["SILO2_PID"]);
    public int PostgresPort => int.Parse(_values["POSTGRES_PORT"]);
    public int Api1Pid => int.Parse(_values["API1_PID"]);
    public int Api2Pid => int.Parse(_values["API2_PID"]);

    /// <summary>The silos' gateway endpoints, where Orleans clients (the API nodes) connect.</summary>
    public IReadOnlyList<IPEndPoint> Gateways => [IPEndPoint.Parse(_values["SILO1_GATEWAY"]), IPEndPoint.Parse(_values["SILO2_GATEWAY"])];

    public static async Task<LocalCluster> UpAsync(IDictionary<string, string>? environment = null)
    {
        RequirePostgres();
        var cluster = new LocalCluster(environment ?? new Dictionary<string, string>());
        await PostgresTemplate.SeedAsync(cluster._directory.Path);
        await cluster.RunScriptAsync("up");
        return cluster;
    }

    public HttpClient ClientFor(Uri node) => new() { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Stops every process (PostgreSQL too) and starts them again over the same data.</summary>
    public async Task RestartAsync()
    {
        await RunScriptAsync("down");
        await RunScriptAsync("up");
    }

    /// <summary>Stops only PostgreSQL (fast shutdown: open connections are cut); silos and API nodes keep running.</summary>
    public Task StopPostgresAsync() => RunScriptAsync("pg-stop");

    /// <summary>Starts PostgreSQL again on its port, over the same data.</summary>
    public Task StartPostgresAsync() => RunScriptAsync("pg-start");

    /// <summary>Starts API node 1 or 2 again on its address after it died, and waits until it is ready.</summary>
    public Task StartApiAsync(int node) => RunScriptAsync("start-api", node.ToString());

    /// <summary>
    /// Every silo and API node killed (kill -9), then PostgreSQL stopped and everything started again over
    /// the same data: only what PostgreSQL holds survives, and no graceful stop (seconds per process) is waited for.
    /// </summary>
    public async Task RestartFromStorageAsync()
    {
        await KillNodesAsync();
        await RunScriptAsync("down");
        await RunScriptAsync("up");
    }

    /// <summary>The data is purged, so the processes are killed rather than stopped gracefully (seconds per process).</summary>
    public async ValueTask DisposeAsync()
    {
        await KillNodesAsync();
        await RunScriptAsync("down", "--purge");
        _directory.Dispose();
    }

    /// <summary>
    /// SIGKILL to each silo and API node the script's PID files name, if that process still runs and was
    /// started for this cluster (its environment names this cluster's directory: a PID may have been reused).
    /// </summary>
    private async Task KillNodesAsync()
    {
        var killed = new List<int>();
        foreach (var name in new[] { "api1", "api2", "silo1", "silo2" })
        {
            var file = Path.Combine(_directory.Path, name + ".pid");
            if (File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid) && BelongsToThisCluster(pid))
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                    killed.Add(pid);
                }
                catch (ArgumentException)
                {
                    // it exited meanwhile
                }
            }
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (killed.Any(pid => Directory.Exists($"/proc/{pid}") && !IsZombie(pid)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private bool BelongsToThisCluster(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains($"CLUSTER_DIR={_directory.Path}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // gone already
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static void RequirePostgres()
    {
        var found = Directory.Exists("/usr/lib/postgresql")
            && Directory.GetDirectories("/usr/lib/postgresql").Any(v => File.Exists(Path.Combine(v, "bin", "initdb")));
        Assert.True(found, "PostgreSQL server binaries are missing (looked in /usr/lib/postgresql/*/bin). "
            + "Install them with `sudo apt-get install -y postgresql`, or run ./test.sh, which does that first.");
    }

    private async Task RunScriptAsync(params string[] arguments)
    {
        var root = Repository.Root;
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "deploy", "local-cluster.sh"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        start.Environment["CLUSTER_DIR"] = _directory.Path;
        start.Environment["NO_BUILD"] = "1";
        start.Environment["NO_INSTALL"] = "1";
        start.Environment["CONFIGURATION"] = Repository.BuildConfiguration;
        start.Environment["Admin__Username"] = ApiFactory.AdminUser;
        start.Environment["Admin__Password"] = ApiFactory.AdminPassword;
        start.Environment["RateLimit__Enabled"] = "false";
        start.Environment["Orleans__ClusterSecret"] = ClusterSecret;
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(process.ExitCode == 0, $"local-cluster.sh {string.Join(' ', arguments)} failed: {await errors}");
        var values = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2);
        foreach (var parts in values)
        {
            _values[parts[0]] = parts[1].Trim();
        }
    }
}
