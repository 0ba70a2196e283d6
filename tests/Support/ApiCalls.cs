using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SessionService.Tests.Support;

/// <summary>Small helpers for calling the API the way clients do.</summary>
public static class ApiCalls
{
    public const string Password = "correct-horse-battery-9";

    public static async Task<HttpResponseMessage> SendAsync(
        this HttpClient client, HttpMethod method, string path, object? body = null, string? bearer = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Content = content ?? (body is null ? null : JsonContent.Create(body));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, object? body = null, string? bearer = null) =>
        client.SendAsync(HttpMethod.Post, path, body, bearer);

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string path, string? bearer) =>
        client.SendAsync(HttpMethod.Get, path, null, bearer);

    public static Task<HttpResponseMessage> DeleteAsync(this HttpClient client, string path, string? bearer) =>
        client.SendAsync(HttpMethod.Delete, path, null, bearer);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<string?> CodeAsync(this HttpResponseMessage response)
    {
        var json = await response.JsonAsync();
        return json.ValueKind == JsonValueKind.Object && json.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    public static async Task AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, await response.CodeAsync());
    }

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string username, string password = Password, string? device = null) =>
        client.PostAsync("/auth/token", device is null
            ? new { username, password }
            : new { username, password, device });

    public static async Task<JsonElement> LoginOkAsync(this HttpClient client, string username, string password = Password, string? device = null)
    {
        var response = await client.LoginAsync(username, password, device);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<string> AdminTokenAsync(this HttpClient client) =>
        (await client.LoginOkAsync(ApiFactory.AdminUser, ApiFactory.AdminPassword)).GetProperty("access_token").GetString()!;

    /// <summary>Creates a user (as admin) and returns its name and id.</summary>
    public static async Task<(string Name, string Id)> NewUserAsync(this HttpClient client, string[]? roles = null) =>
        await client.NewUserAsAsync(await client.AdminTokenAsync(), roles);

    /// <summary>
    /// Creates a user with an admin token the caller already has: each admin login costs a full password
    /// hash, which a node process (production hashing) spends seconds on when a test makes many users.
    /// </summary>
    public static async Task<(string Name, string Id)> NewUserAsAsync(this HttpClient client, string adminToken, string[]? roles = null)
    {
        var name = "user-" + Guid.NewGuid().ToString("N")[..10];
        var response = await client.PostAsync("/users", new { username = name, password = Password, roles }, adminToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (name, (await response.JsonAsync()).GetProperty("id").GetString()!);
    }

    /// <summary>Users numbered <paramref name="after"/> + 1 onwards, made in parallel; their names and ids in number order.</summary>
    public static async Task<(string Name, string Id)[]> NewNumberedUsersAsync(
        this HttpClient client, string adminToken, long after, int count, string? email = null)
    {
        return await Task.WhenAll(Enumerable.Range(1, count).Select(async i =>
        {
            var name = "numbered-" + Guid.NewGuid().ToString("N")[..10];
            var response = await client.PostAsync("/users", new { username = name, password = Password, number = after + i, email }, adminToken);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (name, (await response.JsonAsync()).GetProperty("id").GetString()!);
        }));
    }

    public static Task<HttpResponseMessage> RefreshAsync(this HttpClient client, string refreshToken) =>
        client.PostAsync("/auth/refresh", new { refresh_token = refreshToken });

    public static Task<HttpResponseMessage> ValidateAsync(this HttpClient client, string accessToken) =>
        client.GetAsync("/auth/validate", accessToken);

    /// <summary>An admin-issued service token with <paramref name="scope"/> (and the service-token audience unless another is given).</summary>
    public static async Task<string> ServiceTokenAsync(this HttpClient client, string scope, string? audience = null, int expiresIn = 3600)
    {
        var response = await client.PostAsync("/admin/tokens", new { scope, aud = audience, expires_in = expiresIn }, await client.AdminTokenAsync());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).Str("token");
    }

    public static string Str(this JsonElement json, string name) => json.GetProperty(name).GetString()!;
}
