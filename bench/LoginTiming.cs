using System.Diagnostics;
using System.Net.Http.Json;

namespace SessionService.Bench;

/// <summary>Failed logins of existing users vs. unknown names: the answer must not tell them apart by time.</summary>
internal static class LoginTiming
{
    private const int Samples = 20;

    public static async Task RunAsync(Uri node, string adminToken)
    {
        var known = await Task.WhenAll(Enumerable.Range(0, Samples).Select(i => Api.NewUserAsync(node, adminToken, i)));
        using var client = new HttpClient { BaseAddress = node };
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        await TimeAsync(client, "warm-up-" + Guid.NewGuid().ToString("N")[..8]);
        for (var i = 0; i < Samples; i++)
        {
            knownTimes.Add(await TimeAsync(client, known[i]));
            unknownTimes.Add(await TimeAsync(client, "nobody-" + Guid.NewGuid().ToString("N")[..12]));
        }

        Console.WriteLine($"login-timing: {Samples} failed logins each, interleaved, each name once");
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
