using System.Net.Http.Json;
using System.Text.Json;

namespace SessionService.Bench;

/// <summary>The few calls the bench makes to set up users and sessions.</summary>
internal static class Api
{
    public const string Password = "bench-password-123";

    public static async Task<(string AccessToken, string RefreshToken)> LoginAsync(Uri node, string username, string password)
    {
        using var client = new HttpClient { BaseAddress = node };
        using var response = await client.PostAsJsonAsync("/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("access_token").GetString()!, json.GetProperty("refresh_token").GetString()!);
    }

    /// <summary>
    /// <paramref name="count"/> new users, each logged in once, a few at a time: every one costs two password
    /// hashes, and hundreds at once would queue past the service's call timeout on a small machine.
    /// </summary>
    public static async Task<string[]> NewSessionsAsync(Uri node, string adminToken, int count)
    {
        var tokens = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 2 * Environment.ProcessorCount },
            async (i, _) => tokens[i] = await NewSessionAsync(node, adminToken, i));
        return tokens;
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

    /// <summary>Rotates and returns (new refresh token, new access token).</summary>
    public static async Task<(string RefreshToken, string AccessToken)?> RefreshAsync(HttpClient client, string refreshToken)
    {
        using var response = await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = refreshToken });
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("refresh_token").GetString()!, json.GetProperty("access_token").GetString()!);
    }
}
