using System.Diagnostics;

namespace SessionService.Tests.Support;

/// <summary>The embedded node as a real process (the build this test run made), for crash tests.</summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process, Uri address, int siloPort)
    {
        _process = process;
        Address = address;
        SiloPort = siloPort;
    }

    public Uri Address { get; }

    /// <summary>The co-hosted silo's port (loopback only; embedded mode opens no gateway).</summary>
    public int SiloPort { get; }

    public static async Task<NodeProcess> StartAsync(string storagePath, IDictionary<string, string>? settings = null)
    {
        var dll = Path.Combine(Repository.Root, "api", "bin", Repository.BuildConfiguration, "net10.0", "SessionService.Api.dll");
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["Storage__Path"] = storagePath;
        start.Environment["Orleans__SiloPort"] = FreePort.Next().ToString();
        start.Environment["Admin__Username"] = ApiFactory.AdminUser;
        start.Environment["Admin__Password"] = ApiFactory.AdminPassword;
        start.Environment["RateLimit__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new NodeProcess(process, address, int.Parse(start.Environment["Orleans__SiloPort"]!));
        using var client = new HttpClient { BaseAddress = address };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.False(process.HasExited, "the node exited during start-up");
            Assert.True(DateTime.UtcNow < deadline, "the node did not become ready in 60 s");
            await Task.Delay(200);
        }
    }

    public int Id => _process.Id;

    /// <summary>SIGTERM, as a service manager or container runtime stops a process: the host shuts down.</summary>
    public void Terminate() => Signals.Terminate(_process.Id);

    /// <summary>The exit code, or null when the process is still running after <paramref name="patience"/>.</summary>
    public Task<int?> WaitForExitAsync(TimeSpan patience) => Signals.ExitCodeWithinAsync(_process, patience);

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
