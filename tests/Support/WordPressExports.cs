using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SessionService.Tests.Support;

/// <summary>wp_users rows as WordPress exports give them, and the import call that takes them.</summary>
public static class WordPressExports
{
    public const string ImportPath = "/admin/import/wordpress";

    /// <summary>A number no other test of the shared node uses: far above the sequence, random per test.</summary>
    public static long FreshNumber() => 1_000_000 + Random.Shared.NextInt64(1_000_000_000_000);

    public static string FreshLogin() => "wp-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A row; <paramref name="id"/> is an int or a numeric string, as the exporters differ.</summary>
    public static Dictionary<string, object?> Row(object id, string login, string hash, string? email = null) => new()
    {
        ["ID"] = id,
        ["user_login"] = login,
        ["user_pass"] = hash,
        ["user_nicename"] = login,
        ["user_email"] = email ?? $"{login}@example.com",
        ["user_url"] = "",
        ["user_registered"] = "2019-04-01 10:00:00",
        ["user_activation_key"] = "",
        ["user_status"] = "0",
        ["display_name"] = login,
    };

    public static Task<HttpResponseMessage> ImportAsync(this HttpClient client, object body, string admin) =>
        client.ImportRawAsync(JsonSerializer.Serialize(body), admin);

    public static Task<HttpResponseMessage> ImportRawAsync(this HttpClient client, string json, string? admin, string mediaType = "application/json")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return client.SendAsync(HttpMethod.Post, ImportPath, bearer: admin, content: content);
    }

    /// <summary>The import's answer, which must be 200.</summary>
    public static async Task<JsonElement> ImportOkAsync(this HttpClient client, object body, string admin)
    {
        var response = await client.ImportAsync(body, admin);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task AssertRefusedAtAsync(this HttpResponseMessage response, System.Net.HttpStatusCode status, string code, int index)
    {
        var body = await response.Content.ReadAsStringAsync();
        await response.AssertProblemAsync(status, code);
        Assert.True(JsonDocument.Parse(body).RootElement.TryGetProperty("index", out var at), body);
        Assert.Equal(index, at.GetInt32());
    }
}
