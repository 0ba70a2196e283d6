using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using SessionService.Api.Telemetry;

namespace SessionService.Tests.Unit;

/// <summary>An API node traces requests only when traces go out over OTLP; otherwise no tracer listens (no Activity per request).</summary>
public sealed class ApiTracingSwitchTests
{
    [Fact]
    public void WithoutOtlpEndpoint_NoTracerProvider()
    {
        using var services = ApiTelemetry(new());

        Assert.Null(services.GetService<TracerProvider>());
    }

    [Fact]
    public void WithOtlpEndpoint_TracerProvider()
    {
        using var services = ApiTelemetry(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317" });

        Assert.NotNull(services.GetService<TracerProvider>());
    }

    private static ServiceProvider ApiTelemetry(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddApiTelemetry(configuration);
        return services.BuildServiceProvider();
    }
}
