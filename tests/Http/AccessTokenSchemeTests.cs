using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>The "AccessToken" scheme and its policies answer exactly as the endpoint filters they replaced.</summary>
[Collection(ApiCollection.Name)]
public sealed class AccessTokenSchemeTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    private static async Task AssertProblemBodyAsync(HttpResponseMessage response, int status, string code, string detail)
    {
        var json = await response.JsonAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((status, code, detail), (json.GetProperty("status").GetInt32(), json.Str("code"), json.Str("detail")));
        Assert.Equal(status == 401 ? "Unauthorized" : "Forbidden", json.Str("title"));
    }

    [Fact]
    public async Task Sessions_Is401WithBareRealmChallenge_WhenBearerIsMissing()
    {
        var response = await Client.SendAsync(HttpMethod.Get, "/auth/sessions");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"session-service\"", response.Headers.WwwAuthenticate.ToString());
        await AssertProblemBodyAsync(response, 401, "no_auth_header", "Send the access token as 'Authorization: Bearer <token>'.");
    }

    [Fact]
    public async Task ProtectedEndpoints_Are401WithTheVerifiersCode_WhenTokenIsMalformed()
    {
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/auth/sessions"), (HttpMethod.Post, "/users"), (HttpMethod.Post, "/auth/password"), (HttpMethod.Post, "/admin/keys/rotate") })
        {
            var response = await Client.SendAsync(method, path, bearer: "not-a-token");

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer realm=\"session-service\", error=\"invalid_token\", error_description=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
            await AssertProblemBodyAsync(response, 401, "invalid_token", "The access token is malformed.");
        }
    }

    [Fact]
    public async Task Sessions_AnswersAsValidateDoes_WhenSessionIsRevoked()
    {
        var (name, _) = await Client.NewUserAsync();
        var token = (await Client.LoginOkAsync(name)).Str("access_token");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync("/auth/logout", bearer: token)).StatusCode);
        await Eventually.ProblemAsync(() => Client.ValidateAsync(token), "obsolete_token");

        var viaScheme = await Client.GetAsync("/auth/sessions", token);
        var viaValidate = await Client.ValidateAsync(token);

        Assert.Equal("Bearer realm=\"session-service\", error=\"invalid_token\", error_description=\"obsolete_token\"", viaScheme.Headers.WwwAuthenticate.ToString());
        Assert.Equal(viaValidate.Headers.WwwAuthenticate.ToString(), viaScheme.Headers.WwwAuthenticate.ToString());
        await AssertProblemBodyAsync(viaScheme, 401, "obsolete_token", "The session of this token has been revoked.");
        Assert.Equal(Without(await viaValidate.JsonAsync(), "trace_id"), Without(await viaScheme.JsonAsync(), "trace_id"));
    }

    [Fact]
    public async Task Users_Is403WithoutChallenge_WhenCallerIsNotAdmin()
    {
        var (name, _) = await Client.NewUserAsync();
        var member = (await Client.LoginOkAsync(name)).Str("access_token");

        var response = await Client.GetAsync("/users/" + Guid.NewGuid().ToString("N"), member);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
        await AssertProblemBodyAsync(response, 403, "forbidden", "This needs the admin role.");
    }

    [Fact]
    public async Task Sessions_ListsTheCallersOwnSessions_WhenBearerIsValid()
    {
        var (name, _) = await Client.NewUserAsync();
        var token = (await Client.LoginOkAsync(name, device: "phone")).Str("access_token");

        var response = await Client.GetAsync("/auth/sessions", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single((await response.JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task Logout_Is204_WhenBearerIsInvalid()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync("/auth/logout", bearer: "not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync("/auth/logout")).StatusCode);
    }

    [Fact]
    public async Task Scheme_IsNeverTheDefault_SoUnprotectedEndpointsDoNotAuthenticate()
    {
        var schemes = fixture.Factory.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
        Assert.NotNull(await schemes.GetSchemeAsync("AccessToken"));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/live", "not-a-token")).StatusCode);
    }

    private static string Without(JsonElement json, string property) =>
        JsonSerializer.Serialize(json.EnumerateObject().Where(p => p.Name != property).ToDictionary(p => p.Name, p => p.Value));
}
