using System.Net;
using System.Text.Json;
using SessionService.Api.Compat.WordPress;
using SessionService.Api.Http;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>One node with the WordPress JWT Auth and Flask-JWT surfaces on, shared by <see cref="CompatApiReferenceTests"/>.</summary>
public sealed class CompatSurfacesNode()
    : SharedNode(new Dictionary<string, string?> { ["Compat:WordPress:Enabled"] = "true", ["Compat:FlaskJwt:Enabled"] = "true" });

/// <summary>The compatibility surfaces' operations in the OpenAPI document: examples and codes in their originals' envelopes.</summary>
public sealed class CompatApiReferenceTests(CompatSurfacesNode node) : IClassFixture<CompatSurfacesNode>
{
    private static readonly string[] CompatOperations =
        ["POST /wp-json/jwt-auth/v1/token", "POST /wp-json/jwt-auth/v1/token/validate", "POST /wp-json/jwt-auth/v1/token/refresh", "POST /auth"];

    private HttpClient Client => node.Node.Client;

    [Fact]
    public async Task CompatOperations_AreDescribed_WithExamplesAndTheirCodes()
    {
        var operations = OpenApiDocumentChecks.Operations(await DocumentAsync()).Where(o => CompatOperations.Contains(o.Name)).ToList();

        Assert.Equal(CompatOperations.Order(), operations.Select(o => o.Name).Order());
        Assert.Empty(OpenApiDocumentChecks.Gaps(operations));
        Assert.All(operations, o => Assert.True(o.Operation.TryGetProperty("requestBody", out _) || o.Name.EndsWith("/validate"), o.Name));
    }

    [Fact]
    public async Task EveryCompatCode_IsThePluginsOrOurs()
    {
        var defined = OpenApiDocumentChecks.Constants(typeof(WordPressCodes)).Concat(OpenApiDocumentChecks.Constants(typeof(ErrorCodes)))
            .Append(SessionService.Api.Apis.FlaskJwtApi.BadRequest).ToHashSet();
        var listed = OpenApiDocumentChecks.Operations(await DocumentAsync()).Where(o => CompatOperations.Contains(o.Name))
            .SelectMany(o => OpenApiDocumentChecks.ErrorCodesOf(o.Operation)).ToHashSet();

        Assert.Empty(listed.Where(code => !defined.Contains(code)).Order());
        Assert.Contains(WordPressCodes.IncorrectPassword, listed);
        Assert.Contains(SessionService.Api.Apis.FlaskJwtApi.BadRequest, listed);
    }

    [Fact]
    public async Task ErrorExamples_AreTheBodiesEachSurfaceReallyAnswers()
    {
        var document = await DocumentAsync();
        var wordPress = await Client.PostAsync("/wp-json/jwt-auth/v1/token", new { username = ApiFactory.AdminUser, password = "wrong-password-123" });
        var badJson = await Client.SendAsync(HttpMethod.Post, "/wp-json/jwt-auth/v1/token", content: new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        var flask = await Client.PostAsync("/auth", new { username = ApiFactory.AdminUser, password = "wrong-password-123" });

        await OpenApiDocumentChecks.AssertExampleMatchesAsync(document, "/wp-json/jwt-auth/v1/token", "401", WordPressCodes.IncorrectPassword, wordPress);
        await OpenApiDocumentChecks.AssertExampleMatchesAsync(document, "/wp-json/jwt-auth/v1/token", "400", WordPressCodes.RestInvalidJson, badJson);
        await OpenApiDocumentChecks.AssertExampleMatchesAsync(document, "/auth", "401", SessionService.Api.Apis.FlaskJwtApi.BadRequest, flask);
    }

    [Fact]
    public async Task WordPressSuccessExample_HasTheFieldsOfARealLogin()
    {
        var document = await DocumentAsync();
        var real = await Client.PostAsync("/wp-json/jwt-auth/v1/token", new { username = ApiFactory.AdminUser, password = ApiFactory.AdminPassword });
        var example = document.GetProperty("paths").GetProperty("/wp-json/jwt-auth/v1/token").GetProperty("post").GetProperty("responses")
            .GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example");
        var body = await real.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Equal(Names(body), Names(example));
        Assert.Equal(Names(body.GetProperty("data")), Names(example.GetProperty("data")));
    }

    private static IEnumerable<string> Names(JsonElement json) => json.EnumerateObject().Select(p => p.Name).Order();

    private async Task<JsonElement> DocumentAsync() => await (await Client.GetAsync("/openapi/v1.json", bearer: null)).JsonAsync();
}
