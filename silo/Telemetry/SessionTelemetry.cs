using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SessionService.Grains.Telemetry;

namespace SessionService.Silo.Telemetry;

/// <summary>
/// OpenTelemetry for API nodes and silo processes alike: this service's meters and Orleans' own, read by
/// a Prometheus exporter the caller adds; traces and metrics also go out over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the SDK reads the rest of the OTEL_* variables itself).
/// </summary>
public static class SessionTelemetry
{
    /// <summary>Orleans' meter (activations, messaging, storage) and its activity sources.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    private static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <param name="tracing">More sources to trace; traces are only made when they go out over OTLP.</param>
    public static OpenTelemetryBuilder AddSessionTelemetry(
        this IServiceCollection services, IConfiguration configuration, string serviceName, string[] meters, Action<MeterProviderBuilder> prometheus,
        Action<TracerProviderBuilder>? tracing = null)
    {
        var metrics = SessionServiceOptions.Read<MetricsOptions>(configuration);
        var otlp = ExportsOverOtlp(configuration);
        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(serviceName));
        if (!metrics.Enabled && !otlp)
        {
            return telemetry;
        }

        telemetry.WithMetrics(m =>
        {
            m.AddMeter([RevocationMetrics.MeterName, StorageMetrics.MeterName, OrleansMeter, .. meters]);
            if (metrics.Enabled)
            {
                prometheus(m);
            }
        });
        if (otlp)
        {
            telemetry.WithTracing(t =>
            {
                t.AddSource(OrleansActivitySources);
                tracing?.Invoke(t);
            }).UseOtlpExporter();
        }

        return telemetry;
    }

    /// <summary>True when traces and metrics go out over OTLP (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set).</summary>
    private static bool ExportsOverOtlp(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    /// <summary>A silo process: its own small listener on <c>Metrics:Port</c> at its advertised address.</summary>
    public static IServiceCollection AddSiloTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var metrics = SessionServiceOptions.Read<MetricsOptions>(configuration);
        var address = SessionServiceOptions.Read<SiloOptions>(configuration).AdvertisedAddress ?? System.Net.IPAddress.Loopback;
        services.AddSessionTelemetry(configuration, "session-service-silo", [], m =>
        {
            if (metrics.Port is { } port)
            {
                m.AddPrometheusHttpListener(o =>
                {
                    o.Host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
                    o.Port = port;
                });
            }
        });
        return services;
    }
}
