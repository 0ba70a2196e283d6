using Microsoft.Extensions.Options;

namespace SessionService.Api.Users.Hook;

public sealed class ClaimsHookOptionsValidator : IValidateOptions<ClaimsHookOptions>
{
    public const int MinSecretLength = 32;

    public ValidateOptionsResult Validate(string? name, ClaimsHookOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        List<string> errors = [];
        const string prefix = ClaimsHookOptions.Section + ":";
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{prefix}Url ('{options.Url}') must be an absolute http or https URL.");
        }

        if (options.Secret is not { Length: >= MinSecretLength })
        {
            errors.Add($"{prefix}Secret must be set, at least {MinSecretLength} characters, when {prefix}Url is.");
        }

        if (options.Timeout < TimeSpan.FromMilliseconds(10) || options.Timeout > TimeSpan.FromSeconds(10))
        {
            errors.Add($"{prefix}Timeout must be between 00:00:00.010 and 00:00:10 (got {options.Timeout}).");
        }

        if (!Enum.IsDefined(options.OnFailure))
        {
            errors.Add($"{prefix}OnFailure must be Deny or Omit.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
