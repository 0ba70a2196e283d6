using Microsoft.Extensions.Options;

namespace SessionService.Silo.Telemetry;

public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
        options.Port is < 1 or > 65535
            ? ValidateOptionsResult.Fail($"Metrics:Port must be between 1 and 65535 (got {options.Port}).")
            : ValidateOptionsResult.Success;
}
