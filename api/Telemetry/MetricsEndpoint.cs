using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SessionService.Api.Http;
using SessionService.Silo;
using SessionService.Silo.Telemetry;

namespace SessionService.Api.Telemetry;

/// <summary>
/// <c>GET /metrics</c> on an API node (Prometheus text format): this service's meters, Orleans' (the
/// co-hosted silo's too in embedded mode) and ASP.NET Core's request metrics. Served to anyone unless
/// <c>Metrics:RequireAdmin</c>; off with <c>Metrics:Enabled=false</c>.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    private static readonly string[] ApiMeters = [ApiMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    public static IServiceCollection AddApiTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // Scrapes are rare and each must see the counts as they are (no cached answer).
        // Request traces, like all traces, only when they go out over OTLP: otherwise an Activity per request that nobody reads.
        services.AddSessionTelemetry(configuration, "session-service-api", ApiMeters,
            m => m.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0),
            t => t.AddAspNetCoreInstrumentation());
        return services;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        var metrics = SessionServiceOptions.Read<MetricsOptions>(app.Configuration);
        if (metrics.Enabled)
        {
            var endpoint = app.MapPrometheusScrapingEndpoint(Path);
            if (metrics.RequireAdmin)
            {
                endpoint.RequireAuthorization(AccessTokenPolicies.Admin);
            }
        }

        return app;
    }
}
