using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SessionService.Bench;

/// <summary>
/// Refresh with a claims hook against refresh without one: two embedded nodes, one of them asking a hook
/// in this process (Kestrel, answering one claim at once) before each access token. Each node's refresh is
/// measured after a warm-up, beside the trivial endpoint of the same node.
/// </summary>
internal static class ClaimsHookSuite
{
    private const string Secret = "bench-hook-secret-0123456789-abcdefgh";

    public static async Task RunAsync(BenchOptions options)
    {
        await using var hook = await StartHookAsync();
        var without = await MeasureAsync(options, null);
        var with = await MeasureAsync(options, new Dictionary<string, string>
        {
            ["Auth__ClaimsHook__Url"] = hook.Urls.Single() + "/hook",
            ["Auth__ClaimsHook__Secret"] = Secret,
        });

        Console.WriteLine($"claims hook: two embedded nodes (Release), {Environment.ProcessorCount} cores, hook and load generator in this process, {Suite.Workers} sessions, {options.Seconds} s each, after a warm-up");
        foreach (var (label, (trivial, refresh)) in new[] { ("without hook", without), ("with hook", with) })
        {
            Console.WriteLine($"  {label}:");
            trivial.Print(trivial);
            refresh.Print(trivial);
        }

        var addedMicroseconds = Environment.ProcessorCount * (1 / with.Refresh.RequestsPerSecond - 1 / without.Refresh.RequestsPerSecond) * 1e6;
        Console.WriteLine($"  refresh with the hook: {with.Refresh.RequestsPerSecond / without.Refresh.RequestsPerSecond:F2} x without; "
            + $"the hook's round trip adds {addedMicroseconds:F0} µs of core time per refresh (node, hook and load generator together)");
    }

    private static async Task<(Figures Trivial, Figures Refresh)> MeasureAsync(BenchOptions options, IReadOnlyDictionary<string, string>? settings)
    {
        using var node = await EmbeddedNode.StartAsync(options, settings);
        var admin = await Api.LoginAsync(node.Address, options.AdminUser, options.AdminPassword);
        var tokens = await Api.NewSessionsAsync(node.Address, admin.AccessToken, Suite.Workers);
        await Load.RefreshAsync([node.Address], tokens, TimeSpan.FromSeconds(Math.Min(options.Seconds, 4)));
        var trivial = await Load.RunAsync("trivial (/health/live)", Suite.Workers, TimeSpan.FromSeconds(options.Seconds), node.Address,
            async (_, c) => (await c.GetAsync("/health/live")).IsSuccessStatusCode);
        var refresh = await Load.RefreshAsync([node.Address], tokens, TimeSpan.FromSeconds(options.Seconds));
        return (trivial, refresh);
    }

    private static async Task<WebApplication> StartHookAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{EmbeddedNode.Port()}");
        var app = builder.Build();
        app.MapPost("/hook", (HttpContext http) => http.Request.Headers.Authorization == "Bearer " + Secret
            ? Results.Text("""{"claims":{"tenant":"acme"}}""", "application/json")
            : Results.Unauthorized());
        await app.StartAsync();
        return app;
    }
}
