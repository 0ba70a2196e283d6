using Microsoft.Extensions.Options;

namespace SessionService.Api.Compat.FlaskJwt;

public sealed class FlaskJwtOptionsValidator : IValidateOptions<FlaskJwtOptions>
{
    public ValidateOptionsResult Validate(string? name, FlaskJwtOptions options)
    {
        var errors = new List<string>();
        var rule = options.AuthUrlRule ?? "";
        if (!rule.StartsWith('/') || rule.Length > 200 || rule.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '{' or '}' or '?' or '#'))
        {
            errors.Add($"{FlaskJwtOptions.Section}:AuthUrlRule must be a plain path starting with '/' (no spaces, '?', '#' or route parameters), such as /auth.");
        }

        CheckKey(errors, "UsernameKey", options.UsernameKey);
        CheckKey(errors, "PasswordKey", options.PasswordKey);
        if (string.Equals(options.UsernameKey, options.PasswordKey, StringComparison.Ordinal))
        {
            errors.Add($"{FlaskJwtOptions.Section}:UsernameKey and {FlaskJwtOptions.Section}:PasswordKey must differ.");
        }

        var prefix = options.HeaderPrefix ?? "";
        if (prefix.Length is 0 or > 64 || prefix.Any(c => c <= ' ' || c > '~'))
        {
            errors.Add($"{FlaskJwtOptions.Section}:HeaderPrefix must be 1 to 64 visible ASCII characters without spaces, such as JWT.");
        }
        else if (string.Equals(prefix, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{FlaskJwtOptions.Section}:HeaderPrefix must not be Bearer: Bearer is always accepted with this service's own answers.");
        }

        if (options.ExpirationDelta < TimeSpan.FromSeconds(1) || options.ExpirationDelta > TimeSpan.FromDays(1))
        {
            errors.Add($"{FlaskJwtOptions.Section}:ExpirationDelta must be from 00:00:01 to 1.00:00:00.");
        }

        var realm = options.Realm ?? "";
        if (realm.Length is 0 or > 128 || realm.Any(c => c < ' ' || c > '~' || c is '"' or '\\'))
        {
            errors.Add($"{FlaskJwtOptions.Section}:Realm must be 1 to 128 printable ASCII characters without quotes or backslashes.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckKey(List<string> errors, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 64)
        {
            errors.Add($"{FlaskJwtOptions.Section}:{key} must be a non-empty JSON key of at most 64 characters.");
        }
    }
}
