using System.Net;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>
    /// "METHOD /path" for every endpoint that is part of the API (not excluded from the description); one that
    /// answers any method (health checks) must at least have its GET described. A group's "" route ends in "/".
    /// </summary>
    private IEnumerable<string> Mapped() =>
        fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{method} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Distinct()
            .Order();
}
