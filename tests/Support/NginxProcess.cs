using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace SessionService.Tests.Support;

/// <summary>
/// Debian's nginx run as the current user on a loopback port: one process (no master, no privilege
/// drop), every path it writes inside a temporary prefix, its log on stderr.
/// </summary>
public sealed class NginxProcess : IDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _prefix;
    private readonly StringBuilder _log;

    private NginxProcess(Process process, TempDirectory prefix, StringBuilder log, Uri address)
    {
        _process = process;
        _prefix = prefix;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What nginx wrote to stderr so far, for failure messages.</summary>
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

    /// <summary>Runs <paramref name="site"/> (the content of an http block, listening on <paramref name="port"/>).</summary>
    public static async Task<NginxProcess> StartAsync(string site, int port)
    {
        var binary = FindBinary();
        var prefix = new TempDirectory();
        var dir = prefix.Path;
        File.WriteAllText(Path.Combine(dir, "site.conf"), site);
        File.WriteAllText(Path.Combine(dir, "nginx.conf"), $$"""
            worker_processes 1;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{dir}}/client_body;
                proxy_temp_path {{dir}}/proxy;
                fastcgi_temp_path {{dir}}/fastcgi;
                uwsgi_temp_path {{dir}}/uwsgi;
                scgi_temp_path {{dir}}/scgi;
                include {{dir}}/site.conf;
            }
            """);
        var start = new ProcessStartInfo(binary,
        [
            "-e", "stderr", // the start-up log too: Debian's default /var/log/nginx is not ours to write
            "-p", dir + "/",
            "-c", Path.Combine(dir, "nginx.conf"),
            "-g", $"daemon off; master_process off; pid {dir}/nginx.pid; error_log stderr;",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var log = new StringBuilder();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var nginx = new NginxProcess(process, prefix, log, new Uri($"http://127.0.0.1:{port}"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await AcceptsAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                nginx.Dispose();
                throw new InvalidOperationException($"nginx did not start listening on {port}:\n{nginx.Log}");
            }

            await Task.Delay(50);
        }

        return nginx;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        _prefix.Dispose();
    }

    private static string FindBinary()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Select(directory => Path.Combine(directory, "nginx"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "nginx is not installed, and the gateway test runs a real one: ./test.sh installs it (apt-get install nginx).");
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

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
