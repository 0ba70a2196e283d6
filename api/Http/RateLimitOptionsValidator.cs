using Microsoft.Extensions.Options;

namespace SessionService.Api.Http;

public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        if (options.PermitLimit < 1)
        {
            errors.Add("RateLimit:PermitLimit must be at least 1.");
        }

        if (options.Window <= TimeSpan.Zero)
        {
            errors.Add("RateLimit:Window must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
