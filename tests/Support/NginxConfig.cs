namespace SessionService.Tests.Support;

/// <summary>
/// The shipped deploy/nginx.conf, pointed at loopback ports: only its compose addresses change, so
/// the gateway test runs the very directives docker-compose.yml mounts.
/// </summary>
public static class NginxConfig
{
    public static string FromDeploy(int sessionPort, int upstreamPort, int listenPort)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "nginx.conf"));
        text = ReplaceOnce(text, "server api1:8080 ", $"server 127.0.0.1:{sessionPort} ");
        // Both API nodes of the compose file are this one node.
        text = ReplaceOnce(text, "server api2:8080 ", $"server 127.0.0.1:{sessionPort} ");
        text = ReplaceOnce(text, "server whoami:80;", $"server 127.0.0.1:{upstreamPort};");
        return ReplaceOnce(text, "listen 80;", $"listen 127.0.0.1:{listenPort};");
    }

    /// <summary>Fails loudly when deploy/nginx.conf no longer holds <paramref name="old"/> exactly once.</summary>
    private static string ReplaceOnce(string text, string old, string replacement)
    {
        var first = text.IndexOf(old, StringComparison.Ordinal);
        if (first < 0 || text.IndexOf(old, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException(
                $"deploy/nginx.conf must contain \"{old}\" exactly once: the gateway test substitutes it with a loopback address.");
        }

        return string.Concat(text.AsSpan(0, first), replacement, text.AsSpan(first + old.Length));
    }
}
