using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace SessionService.Tests.Support;

/// <summary>
/// A server from apt (nginx, Prometheus) run as a child process on a loopback port: its output kept for
/// failure messages, started once it accepts connections, killed at dispose.
/// </summary>
public sealed class ListeningProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ListeningProcess(Process process, int port)
    {
        _process = process;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    /// <summary>What the process wrote to stdout and stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="start"/> (its output is redirected here) and waits until <paramref name="port"/> accepts.</summary>
    public static async Task<ListeningProcess> StartAsync(ProcessStartInfo start, int port)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var started = new ListeningProcess(Process.Start(start)!, port);
        started._process.OutputDataReceived += (_, e) => started.Append(e.Data);
        started._process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        started._process.BeginOutputReadLine();
        started._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AcceptsAsync(port))
        {
            if (started._process.HasExited || DateTime.UtcNow > deadline)
            {
                started.Dispose();
                throw new InvalidOperationException($"{Path.GetFileName(start.FileName)} did not start listening on {port}:\n{started.Log}");
            }

            await Task.Delay(50);
        }

        return started;
    }

    /// <summary>The path of <paramref name="name"/> on PATH or in <paramref name="alsoIn"/>; fails naming the apt package the suite installs.</summary>
    public static string FindBinary(string name, string aptPackage, params string[] alsoIn) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(alsoIn)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            $"{name} is not installed, and this test runs a real one: ./test.sh installs it (apt-get install {aptPackage}).");

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
