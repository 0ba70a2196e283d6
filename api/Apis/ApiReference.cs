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

    /// <summary>Examples and error codes on every operation (<see cref="Reference.OperationReferenceTransformer"/>).</summary>
    public static IServiceCollection AddOperationReference(this IServiceCollection services) =>
        // AddOpenApi() names its document "v1"; PostConfigure runs after every Configure of it, so hand-added paths are there.
        services.PostConfigure<OpenApiOptions>("v1", options => options.AddDocumentTransformer<Reference.OperationReferenceTransformer>());

    /// <summary>Health checks and the metrics endpoint are not minimal-API handlers, so the generator leaves them out; added by hand.</summary>
    public static OpenApiOptions DescribeHealthChecks(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, context, _) =>
        {
            document.Paths ??= [];
            document.Paths["/health/live"] = HealthPath("Liveness: the process answers (no dependency is checked)");
            document.Paths["/health/ready"] = HealthPath("Readiness: revocations synced and the cluster answers");
            var configuration = context.ApplicationServices.GetRequiredService<IConfiguration>();
            if (SessionService.Silo.SessionServiceOptions.Read<SessionService.Silo.Telemetry.MetricsOptions>(configuration).Enabled)
            {
                document.Paths[Telemetry.MetricsEndpoint.Path] = TextPath("Metrics", "Prometheus text format: this node's counters and histograms",
                    ("200", "The metrics (text/plain; version=0.0.4)"), ("401", "Metrics:RequireAdmin is on and no admin token was sent"));
            }

            return Task.CompletedTask;
        });

    private static OpenApiPathItem HealthPath(string summary) =>
        TextPath("Health", summary, ("200", "Healthy (text/plain)"), ("503", "Unhealthy (text/plain)"));

    private static OpenApiPathItem TextPath(string tag, string summary, params (string Status, string Description)[] responses)
    {
        var answers = new OpenApiResponses();
        foreach (var (status, description) in responses)
        {
            answers[status] = new OpenApiResponse { Description = description };
        }

        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Get, new OpenApiOperation { Summary = summary, Tags = new HashSet<OpenApiTagReference> { new(tag) }, Responses = answers });
        return item;
    }
}
