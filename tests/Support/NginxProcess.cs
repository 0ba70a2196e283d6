using System.Diagnostics;

namespace SessionService.Tests.Support;

/// <summary>
/// Debian's nginx run as the current user on a loopback port: one process (no master, no privilege
/// drop), every path it writes inside a temporary prefix, its log on stderr.
/// </summary>
public sealed class NginxProcess : IDisposable
{
    private readonly ListeningProcess _process;
    private readonly TempDirectory _prefix;

    private NginxProcess(ListeningProcess process, TempDirectory prefix)
    {
        _process = process;
        _prefix = prefix;
    }

    public Uri Address => _process.Address;

    /// <summary>What nginx wrote to stderr so far, for failure messages.</summary>
    public string Log => _process.Log;

    /// <summary>Runs <paramref name="site"/> (the content of an http block, listening on <paramref name="port"/>).</summary>
    public static async Task<NginxProcess> StartAsync(string site, int port)
    {
        var binary = ListeningProcess.FindBinary("nginx", "nginx", "/usr/sbin");
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
        ]);
        try
        {
            return new NginxProcess(await ListeningProcess.StartAsync(start, port), prefix);
        }
        catch
        {
            prefix.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        _prefix.Dispose();
    }
}
