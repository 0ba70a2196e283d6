using Microsoft.Extensions.Options;

namespace SessionService.Api.Routes;

/// <summary>Start-up refuses a route token lifetime that is not a whole number of seconds from 1 s to a year.</summary>
public sealed class RouteTokenOptionsValidator : IValidateOptions<RouteTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, RouteTokenOptions options) =>
        options.MaxLifetime < TimeSpan.FromSeconds(1) || options.MaxLifetime > TimeSpan.FromDays(365)
            ? ValidateOptionsResult.Fail($"{RouteTokenOptions.Section}:MaxLifetime must be from 00:00:01 to 365.00:00:00 (got {options.MaxLifetime}).")
            : ValidateOptionsResult.Success;
}
