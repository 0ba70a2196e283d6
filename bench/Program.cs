using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

// Load generator for running nodes. Needs Admin__Username/Admin__Password as the nodes got them, and
// the nodes' rate limit off (RateLimit__Enabled=false).
//   refresh --nodes http://127.0.0.1:5001,http://127.0.0.1:5002 [--sessions 32] [--seconds 10]
//     each session is its own user logged in once; a worker per session chains its own rotated
//     refresh token, round-robin over the nodes.
//   login-timing --nodes URL
//     median of 20 failed logins for unknown names vs. existing users (wrong password), interleaved,
//     each name tried once so no lockout interferes.
var options = BenchOptions.Parse(args);
var admin = await Http.LoginAsync(options.Nodes[0], options.AdminUser, options.AdminPassword);
if (options.Scenario == "login-timing")
{
    await LoginTiming.RunAsync(options.Nodes[0], admin.AccessToken);
    return;
}

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

internal sealed record BenchOptions(string Scenario, Uri[] Nodes, int Sessions, int Seconds, string AdminUser, string AdminPassword)
{
    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("refresh" or "login-timing"))
        {
            throw new ArgumentException("usage: refresh|login-timing --nodes URL[,URL] [--sessions N] [--seconds S]");
        }

        string Value(string name, string fallback) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

        return new BenchOptions(
            args[0],
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

    public static async Task<string> NewSessionAsync(Uri node, string adminToken, int index) =>
        (await LoginAsync(node, await NewUserAsync(node, adminToken, index), Password)).RefreshToken;

    public static async Task<string> NewUserAsync(Uri node, string adminToken, int index)
    {
        var username = $"bench-{Guid.NewGuid():N}"[..20] + index;
        using var client = new HttpClient { BaseAddress = node };
        client.DefaultRequestHeaders.Authorization = new("Bearer", adminToken);
        using var created = await client.PostAsJsonAsync("/users", new { username, password = Password });
        created.EnsureSuccessStatusCode();
        return username;
    }
}

internal static class LoginTiming
{
    private const int Samples = 20;

    public static async Task RunAsync(Uri node, string adminToken)
    {
        var known = await Task.WhenAll(Enumerable.Range(0, Samples).Select(i => Http.NewUserAsync(node, adminToken, i)));
        using var client = new HttpClient { BaseAddress = node };
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        await TimeAsync(client, "warm-up-" + Guid.NewGuid().ToString("N")[..8]);
        for (var i = 0; i < Samples; i++)
        {
            knownTimes.Add(await TimeAsync(client, known[i]));
            unknownTimes.Add(await TimeAsync(client, "nobody-" + Guid.NewGuid().ToString("N")[..12]));
        }

        Console.WriteLine($"login-timing: {Samples} failed logins each, interleaved");
        Console.WriteLine($"  existing user, wrong password: median {Median(knownTimes):F1} ms");
        Console.WriteLine($"  unknown user:                  median {Median(unknownTimes):F1} ms");
    }

    private static async Task<double> TimeAsync(HttpClient client, string username)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("/auth/token", new { username, password = "wrong-password-123" });
        watch.Stop();
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
        {
            throw new InvalidOperationException($"expected 401, got {(int)response.StatusCode}");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
