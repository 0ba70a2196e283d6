using Microsoft.Extensions.Options;

namespace SessionService.Silo.Dashboard;

public sealed class OrleansDashboardOptionsValidator : IValidateOptions<OrleansDashboardOptions>
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaximumInterval = TimeSpan.FromMinutes(1);
    public const int MaximumHistoryLength = 10_000;

    public ValidateOptionsResult Validate(string? name, OrleansDashboardOptions options)
    {
        var errors = new List<string>();
        if (options.CounterUpdateInterval < MinimumInterval || options.CounterUpdateInterval > MaximumInterval)
        {
            errors.Add($"Dashboard:CounterUpdateInterval must be between {MinimumInterval} and {MaximumInterval} (got {options.CounterUpdateInterval}).");
        }

        if (options.HistoryLength is < 1 or > MaximumHistoryLength)
        {
            errors.Add($"Dashboard:HistoryLength must be between 1 and {MaximumHistoryLength} (got {options.HistoryLength}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
