using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace SessionService.Api.Apis;

/// <summary>The API reference UI (Scalar, served from its package: no CDN) at <c>/docs</c>, over <c>/openapi/v1.json</c>.</summary>
public static class ApiReference
{
    public const string Path = "/docs";

    public static IEndpointConventionBuilder MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, options => options.WithTitle("Session service API"));

    /// <summary>Health checks are not minimal-API handlers, so the generator leaves them out; added by hand.</summary>
    public static OpenApiOptions DescribeHealthChecks(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Paths ??= [];
            document.Paths["/health/live"] = HealthPath("Liveness: the process answers (no dependency is checked)");
            document.Paths["/health/ready"] = HealthPath("Readiness: revocations synced and the cluster answers");
            return Task.CompletedTask;
        });

    private static OpenApiPathItem HealthPath(string summary)
    {
        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Get, new OpenApiOperation
        {
            Summary = summary,
            Tags = new HashSet<OpenApiTagReference> { new("Health") },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = "Healthy (text/plain)" },
                ["503"] = new OpenApiResponse { Description = "Unhealthy (text/plain)" },
            },
        });
        return item;
    }
}
