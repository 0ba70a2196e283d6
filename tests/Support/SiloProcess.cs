using System.Diagnostics;
using System.Net.Sockets;

namespace SessionService.Tests.Support;

/// <summary>The silo executable as a real process, in embedded mode (its own SQLite store), for signal tests.</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process) => _process = process;

    /// <summary>
    /// Starts the silo and waits until its host says it has started, or, with <paramref name="untilStarted"/>
    /// false, only until its silo port accepts connections, a moment when the silo is still starting (an
    /// embedded silo opens no gateway).
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string storagePath, bool untilStarted = true)
    {
        var dll = Path.Combine(Repository.Root, "silo", "bin", Repository.BuildConfiguration, "net10.0", "SessionService.Silo.dll");
        var siloPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Storage__Path"] = storagePath;
        start.Environment["Orleans__SiloPort"] = siloPort.ToString();
        var silo = new SiloProcess(Process.Start(start)!);
        var started = new TaskCompletionSource();
        silo._process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Application started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        silo._process.ErrorDataReceived += (_, _) => { };
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                if (untilStarted)
                {
                    await started.Task.WaitAsync(TimeSpan.FromMilliseconds(200));
                    return silo;
                }

                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", siloPort);
                return silo;
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
            }

            Assert.False(silo._process.HasExited, "the silo exited during start-up");
            Assert.True(DateTime.UtcNow < deadline, "the silo did not start in 60 s");
            await Task.Delay(10);
        }
    }

    public void Terminate() => Signals.Terminate(_process.Id);

    /// <summary>The exit code, or null when the process is still running after <paramref name="patience"/>.</summary>
    public Task<int?> WaitForExitAsync(TimeSpan patience) => Signals.ExitCodeWithinAsync(_process, patience);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
