using System.Net;
using System.Text;

namespace SessionService.Tests.Support;

/// <summary>A consumer with an HS256 credential, as the admin API made it.</summary>
public sealed record TestConsumer(string Id, string Username, string Key, byte[] Secret)
{
    /// <summary>A token this consumer signs: <c>iss</c> = its key, valid from 5 s before to 10 minutes after <paramref name="now"/>.</summary>
    public string Token(DateTimeOffset now, object? claims = null) =>
        RawJwt.Build(new { alg = "HS256", typ = "JWT" }, RawJwt.Encode(claims ?? new
        {
            iss = Key,
            nbf = now.ToUnixTimeSeconds() - 5,
            exp = now.ToUnixTimeSeconds() + 600,
        }), RawJwt.Hs256(Secret));
}

/// <summary>Gateway calls the way an admin and a proxy make them.</summary>
public static class GatewayCalls
{
    /// <param name="base64Secrets">The node runs with <c>Gateway:SecretIsBase64</c>: the shown secret is base64 of the bytes.</param>
    public static async Task<TestConsumer> NewConsumerAsync(this HttpClient client, string? admin = null, string? username = null, bool base64Secrets = false)
    {
        admin ??= await client.AdminTokenAsync();
        username ??= "consumer-" + Guid.NewGuid().ToString("N")[..10];
        var created = await client.PostAsync("/admin/consumers", new { username }, admin);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var credential = await client.PostAsync($"/admin/consumers/{username}/jwt", new { algorithm = "HS256" }, admin);
        Assert.Equal(HttpStatusCode.Created, credential.StatusCode);
        var json = await credential.JsonAsync();
        var secret = json.Str("secret");
        return new TestConsumer((await created.JsonAsync()).Str("id"), username, json.Str("key"),
            base64Secrets ? Convert.FromBase64String(secret) : Encoding.UTF8.GetBytes(secret));
    }

    /// <summary><c>/gateway/verify</c> as nginx calls it: the original request named in headers, the token as a bearer header.</summary>
    public static async Task<HttpResponseMessage> ForwardAuthAsync(
        this HttpClient client, string? bearer, string originalUri = "/orders/1", string originalMethod = "GET", params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/gateway/verify");
        request.Headers.Add("X-Original-URI", originalUri);
        request.Headers.Add("X-Original-Method", originalMethod);
        if (bearer is not null)
        {
            request.Headers.Add("Authorization", "Bearer " + bearer);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
