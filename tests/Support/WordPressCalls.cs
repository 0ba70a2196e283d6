using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.Tokens;

namespace SessionService.Tests.Support;

/// <summary>Calls to the WordPress JWT Auth surface the way the plugin's clients make them: forms, a hand-kept cookie.</summary>
public static partial class WordPressCalls
{
    public const string Root = "/wp-json/jwt-auth/v1";

    /// <summary>A POST to one of the plugin's routes (<c>/token</c>, <c>/token/validate</c>, <c>/token/refresh</c>).</summary>
    public static Task<HttpResponseMessage> WordPressAsync(
        this HttpClient client, string route, HttpContent? content = null, string? cookie = null, string? authorization = null, string userAgent = "wp-app/1.0") =>
        client.SendToAsync(HttpMethod.Post, Root + route, content, cookie, authorization, userAgent);

    /// <summary>Any method to any path (the <c>?rest_route=</c> form, a wrong method, an unknown route).</summary>
    public static async Task<HttpResponseMessage> SendToAsync(
        this HttpClient client, HttpMethod method, string path, HttpContent? content = null, string? cookie = null, string? authorization = null, string userAgent = "wp-app/1.0")
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie.Contains('=') ? cookie : "refresh_token=" + cookie);
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        return await client.SendAsync(request);
    }

    /// <summary>A multipart form, as <c>curl -F</c> sends it.</summary>
    public static MultipartFormDataContent Form(params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    public static FormUrlEncodedContent UrlEncoded(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A password login on <paramref name="device"/>'s slot (none: the "" slot); its access token and refresh cookie value.</summary>
    public static async Task<(string Token, string Cookie)> WordPressLoginAsync(this HttpClient client, string username, string? device = null, string userAgent = "wp-app/1.0")
    {
        var fields = new List<(string, string)> { ("username", username), ("password", ApiCalls.Password) };
        if (device is not null)
        {
            fields.Add(("device", device));
        }

        var response = await client.WordPressAsync("/token", Form([.. fields]), userAgent: userAgent);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return (JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("token").GetString()!, RefreshCookie(response)!);
    }

    /// <summary>The value of the <c>refresh_token</c> the response sets; null when it sets none.</summary>
    public static string? RefreshCookie(HttpResponseMessage response) =>
        SetCookie(response) is { } header ? CookieValue().Match(header).Groups[1].Value : null;

    public static string? SetCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.SingleOrDefault(v => v.StartsWith("refresh_token=", StringComparison.Ordinal)) : null;

    /// <summary>The envelope's keys in order, its code and message, and whether it has <c>data</c>.</summary>
    public static async Task<(int Status, string Code, string Message, JsonElement? Data, string[] Keys)> EnvelopeAsync(this HttpResponseMessage response)
    {
        var json = await response.JsonAsync();
        return (json.GetProperty("statusCode").GetInt32(), json.Str("code"), json.Str("message"),
            json.TryGetProperty("data", out var data) ? data : null, [.. json.EnumerateObject().Select(p => p.Name)]);
    }

    /// <summary>An HS256 token signed with <paramref name="secret"/>, with any header and claims: what a forger with the key could make.</summary>
    public static string SignHs256(string secret, object header, object claims)
    {
        var head = Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(header));
        var body = Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(head + "." + body));
        return head + "." + body + "." + Base64UrlEncoder.Encode(signature);
    }

    [GeneratedRegex("^refresh_token=([^;]*)")]
    private static partial Regex CookieValue();
}
