using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SessionService.Api.Apis.Reference;
using SessionService.Api.Gateway.Verification;
using SessionService.Api.Http;
using SessionService.Api.OAuth;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>The API reference UI at /docs, and an OpenAPI document that lists every endpoint the node maps.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiReferenceTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Docs_ServesTheScalarPage_PointedAtTheOpenApiDocument_WithItsScriptFromThisNode()
    {
        var response = await Client.GetAsync("/docs/");
        var html = await response.Content.ReadAsStringAsync();
        var script = await Client.GetAsync("/docs/scalar.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Session service API</title>", html);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html);
        Assert.Contains("<script src=\"scalar.js\">", html);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApiDocument_ListsEveryMappedEndpoint_HealthChecksIncluded()
    {
        var paths = (await (await Client.GetAsync("/openapi/v1.json", bearer: null)).JsonAsync()).GetProperty("paths");
        var described = paths.EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet();

        var missing = Mapped().Where(endpoint => !described.Contains(endpoint)).ToList();

        Assert.Contains("GET /health/live", described);
        Assert.Contains("GET /health/ready", described);
        Assert.True(missing.Count == 0, "not in /openapi/v1.json: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task EveryOperation_HasExamplesForItsBodies_AndListsItsErrorCodes_EachWithAnExample()
    {
        var gaps = OpenApiDocumentChecks.Gaps(await OperationsAsync());

        Assert.True(gaps.Count == 0, string.Join("\n", gaps));
    }

    [Fact]
    public async Task EveryListedCode_IsOneTheServiceDefines_AndEveryErrorCode_IsListedSomewhere()
    {
        var listed = (await OperationsAsync()).SelectMany(o => OpenApiDocumentChecks.ErrorCodesOf(o.Operation)).ToHashSet();
        var defined = OpenApiDocumentChecks.Constants(typeof(ErrorCodes)).Concat(OpenApiDocumentChecks.Constants(typeof(GatewayCodes))).Concat(OpenApiDocumentChecks.Constants(typeof(OAuthErrors))).ToHashSet();
        // Answers about the request's path or method, or a bug: no operation answers them by design.
        string[] aboutNoOperation = [ErrorCodes.NotFound, ErrorCodes.MethodNotAllowed, ErrorCodes.InternalError];

        Assert.Empty(listed.Where(code => !defined.Contains(code)).Order());
        Assert.Empty(OpenApiDocumentChecks.Constants(typeof(ErrorCodes)).Except(aboutNoOperation).Where(code => !listed.Contains(code)).Order());
        Assert.Contains(GatewayCodes.MultipleTokens, listed);
        Assert.Contains(OAuthErrors.UnsupportedGrantType, listed);
    }

    [Fact]
    public async Task TheTables_NameOnlyOperationsInTheDocument_BesidesThoseMappedOnlyWhenConfigured()
    {
        // Dashboard:Enabled, Compat:WordPress:Enabled and Compat:FlaskJwt:Enabled; their own test classes check those.
        string[] configured =
        [
            "POST /dashboard/session", "DELETE /dashboard/session", "POST /auth",
            "POST /wp-json/jwt-auth/v1/token", "POST /wp-json/jwt-auth/v1/token/validate", "POST /wp-json/jwt-auth/v1/token/refresh",
        ];
        var described = (await OperationsAsync()).Select(o => o.Name).ToHashSet();
        var named = EndpointErrors.ByOperation.Keys.Concat(EndpointExamples.ByOperation.Keys).Except(configured);

        Assert.Empty(named.Where(name => !described.Contains(name)).Distinct().Order());
    }

    /// <summary>The table is checked against how each endpoint is wired: its auth policy, scope, rate limit and body.</summary>
    [Fact]
    public async Task ListedCodes_IncludeWhatEachEndpointsWiringCanAnswer()
    {
        var operations = (await OperationsAsync()).ToDictionary(o => o.Name, o => OpenApiDocumentChecks.ErrorCodesOf(o.Operation));
        var missing = new List<string>();
        foreach (var endpoint in DescribedEndpoints())
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var expected = new List<string>();
            if (policies.Contains(AccessTokenPolicies.Bearer))
            {
                expected.AddRange([ErrorCodes.NoAuthHeader, ErrorCodes.InvalidToken, ErrorCodes.ObsoleteToken]);
            }

            if (policies.Contains(AccessTokenPolicies.Admin))
            {
                expected.AddRange([ErrorCodes.NoAuthHeader, ErrorCodes.ObsoleteToken, ErrorCodes.Forbidden]);
            }

            if (endpoint.Metadata.GetMetadata<RequiredScope>() is not null)
            {
                expected.AddRange([ErrorCodes.NoAuthHeader, ErrorCodes.InsufficientScope]);
            }

            if (endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null)
            {
                expected.Add(ErrorCodes.RateLimited);
            }

            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
            {
                expected.AddRange([ErrorCodes.InvalidRequest, ErrorCodes.PayloadTooLarge, ErrorCodes.UnsupportedMediaType]);
            }

            foreach (var name in NamesOf(endpoint))
            {
                missing.AddRange(expected.Where(code => !operations[name].Contains(code)).Select(code => $"{name}: {code}"));
            }
        }

        Assert.Empty(missing.Distinct());
    }

    [Fact]
    public async Task ErrorExamples_AreTheBodiesTheEndpointReallyAnswers()
    {
        var document = await DocumentAsync();
        var login = await Client.LoginAsync(ApiFactory.AdminUser, "wrong-password-123");
        var grant = await Client.SendAsync(HttpMethod.Post, "/oauth/token", content: new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = ApiFactory.AdminUser, ["password"] = "wrong-password-123" }));

        await OpenApiDocumentChecks.AssertExampleMatchesAsync(document, "/auth/token", "401", "invalid_credentials", login);
        await OpenApiDocumentChecks.AssertExampleMatchesAsync(document, "/oauth/token", "400", "invalid_credentials", grant);
    }

    [Fact]
    public async Task SuccessExamples_HaveTheFieldsTheEndpointReallyAnswers()
    {
        var document = await DocumentAsync();
        var answer = await Client.LoginOkAsync(ApiFactory.AdminUser, ApiFactory.AdminPassword);
        var example = document.GetProperty("paths").GetProperty("/auth/token").GetProperty("post").GetProperty("responses")
            .GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example");

        Assert.Equal(answer.EnumerateObject().Select(p => p.Name).Order(), example.EnumerateObject().Select(p => p.Name).Order());
    }

    private async Task<JsonElement> DocumentAsync() => await (await Client.GetAsync("/openapi/v1.json", bearer: null)).JsonAsync();

    private async Task<List<(string Name, JsonElement Operation)>> OperationsAsync() => OpenApiDocumentChecks.Operations(await DocumentAsync());

    private IEnumerable<RouteEndpoint> DescribedEndpoints() =>
        fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true });

    private static IEnumerable<string> NamesOf(RouteEndpoint endpoint) =>
        (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            .Select(method => $"{method} {endpoint.RoutePattern.RawText!.TrimEnd('/')}");

    /// <summary>
    /// "METHOD /path" for every endpoint that is part of the API (not excluded from the description); one that
    /// answers any method (health checks) must at least have its GET described. A group's "" route ends in "/".
    /// </summary>
    private IEnumerable<string> Mapped() => DescribedEndpoints().SelectMany(NamesOf).Distinct().Order();
}
