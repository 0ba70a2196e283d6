using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace SessionService.Tests.Support;

/// <summary>Profile and claims calls of the users API, and reading what an access token carries.</summary>
public static class UserPatches
{
    public static Task<HttpResponseMessage> PatchUserAsync(this HttpClient client, string id, object body, string? bearer) =>
        client.SendAsync(HttpMethod.Patch, $"/users/{id}", body, bearer);

    public static Task<HttpResponseMessage> PatchUserRawAsync(this HttpClient client, string id, string json, string? bearer) =>
        client.SendAsync(HttpMethod.Patch, $"/users/{id}", bearer: bearer,
            content: new StringContent(json, System.Text.Encoding.UTF8, "application/merge-patch+json"));

    /// <summary>The payload of a JWT, as JSON.</summary>
    public static JsonElement Payload(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(RawJwt.PayloadOf(token))).RootElement.Clone();
}
