using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using SessionService.Api.Telemetry;

namespace SessionService.Tests.Unit;

/// <summary>An API node traces requests only when traces go out over OTLP; otherwise no tracer listens (no Activity per request).</summary>
public sealed class ApiTracingSwitchTests
{
    private const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    [Fact]
    public void WithoutOtlpEndpoint_NoTracerProvider()
    {
        using var services = ApiTelemetry(new(), []);

        Assert.Null(services.GetService<TracerProvider>());
    }

    [Fact]
    public void WithOtlpEndpoint_ASP_NET_CoreRequestActivities_AreTraced()
    {
        var exported = new List<Activity>();
        using var services = ApiTelemetry(new() { [OtlpEndpoint] = "http://127.0.0.1:4317" }, exported);
        Assert.NotNull(services.GetService<TracerProvider>());

        // The activity ASP.NET Core starts for each request, from its own source.
        using (var source = new ActivitySource("Microsoft.AspNetCore"))
        {
            source.StartActivity("Microsoft.AspNetCore.Hosting.HttpRequestIn")?.Stop();
        }

        services.GetRequiredService<TracerProvider>().ForceFlush();
        Assert.Contains(exported, a => a.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn");
    }

    /// <param name="exported">Where the tracer, if one is built, also exports (beside OTLP).</param>
    private static ServiceProvider ApiTelemetry(Dictionary<string, string?> settings, List<Activity> exported)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddApiTelemetry(configuration);
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported));
        return services.BuildServiceProvider();
    }
}
