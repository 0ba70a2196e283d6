using System.Net;
using System.Text.Json;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Routes;

/// <summary>Issuing route tokens and presenting them the way nginx <c>auth_request</c> does.</summary>
public static class RouteCalls
{
    public static async Task<(string Token, string Name, string Id)> UserTokenAsync(this HttpClient client)
    {
        var (name, id) = await client.NewUserAsync();
        return ((await client.LoginOkAsync(name)).Str("access_token"), name, id);
    }

    public static async Task<JsonElement> IssueOkAsync(this HttpClient client, string bearer, object body)
    {
        var response = await client.PostAsync("/routes", body, bearer);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary><c>/routes/verify</c> for an original request of <paramref name="method"/> on <paramref name="uri"/>.</summary>
    public static async Task<HttpResponseMessage> VerifyAsync(this HttpClient client, string uri, string method = "GET")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/routes/verify");
        request.Headers.TryAddWithoutValidation("X-Original-URI", uri);
        request.Headers.TryAddWithoutValidation("X-Original-Method", method);
        request.Headers.UserAgent.ParseAdd("route-tests/1.0");
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> ClaimAsync(this HttpClient client, string token) =>
        client.GetAsync("/routes/claim?jwt=" + Uri.EscapeDataString(token), bearer: null);

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}
