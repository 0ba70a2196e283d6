using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

// Load generator for running nodes. Today one scenario:
//   refresh --nodes http://127.0.0.1:5001,http://127.0.0.1:5002 [--sessions 32] [--seconds 10]
// Each session is its own user logged in once; a worker per session chains its own rotated refresh
// token, round-robin over the nodes. Needs Admin__Username/Admin__Password as the nodes got them,
// and the nodes' rate limit off (RateLimit__Enabled=false).
var options = BenchOptions.Parse(args);
var admin = await Http.LoginAsync(options.Nodes[0], options.AdminUser, options.AdminPassword);
var tokens = await Task.WhenAll(Enumerable.Range(0, options.Sessions).Select(i => Http.NewSessionAsync(options.Nodes[0], admin.AccessToken, i)));

var latencies = new List<double>[options.Sessions];
var errors = 0;
var stopAt = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, options.Sessions).Select(async i =>
{
    using var client = new HttpClient { BaseAddress = options.Nodes[i % options.Nodes.Length] };
    var token = tokens[i];
    latencies[i] = [];
    while (stopAt.Elapsed.TotalSeconds < options.Seconds)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = token });
        watch.Stop();
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref errors);
            continue;
        }

        token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refresh_token").GetString()!;
        latencies[i].Add(watch.Elapsed.TotalMilliseconds);
    }
}));

var all = latencies.SelectMany(l => l).Order().ToArray();
Console.WriteLine($"refresh: nodes={options.Nodes.Length} sessions={options.Sessions} seconds={options.Seconds}");
Console.WriteLine($"  {all.Length / stopAt.Elapsed.TotalSeconds:F0} req/s  p50 {Percentile(all, 0.50):F1} ms  p99 {Percentile(all, 0.99):F1} ms  errors {errors}");

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];

internal sealed record BenchOptions(Uri[] Nodes, int Sessions, int Seconds, string AdminUser, string AdminPassword)
{
    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] != "refresh")
        {
            throw new ArgumentException("usage: refresh --nodes URL[,URL] [--sessions N] [--seconds S]");
        }

        string Value(string name, string fallback) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

        return new BenchOptions(
            Value("--nodes", "http://127.0.0.1:5000").Split(',').Select(u => new Uri(u)).ToArray(),
            int.Parse(Value("--sessions", "32")),
            int.Parse(Value("--seconds", "10")),
            Environment.GetEnvironmentVariable("Admin__Username") ?? "root-admin",
            Environment.GetEnvironmentVariable("Admin__Password") ?? "Adm1n-Pa55word-Long!");
    }
}

internal static class Http
{
    private const string Password = "bench-password-123";

    public static async Task<(string AccessToken, string RefreshToken)> LoginAsync(Uri node, string username, string password)
    {
        using var client = new HttpClient { BaseAddress = node };
        using var response = await client.PostAsJsonAsync("/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("access_token").GetString()!, json.GetProperty("refresh_token").GetString()!);
    }

    public static async Task<string> NewSessionAsync(Uri node, string adminToken, int index)
    {
        var username = $"bench-{Guid.NewGuid():N}"[..20] + index;
        using var client = new HttpClient { BaseAddress = node };
        client.DefaultRequestHeaders.Authorization = new("Bearer", adminToken);
        using var created = await client.PostAsJsonAsync("/users", new { username, password = Password });
        created.EnsureSuccessStatusCode();
        return (await LoginAsync(node, username, Password)).RefreshToken;
    }
}
