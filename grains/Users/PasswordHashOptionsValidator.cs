using Microsoft.Extensions.Options;

namespace SessionService.Grains.Users;

public sealed class PasswordHashOptionsValidator : IValidateOptions<PasswordHashOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordHashOptions options) =>
        options.Iterations >= PasswordHashOptions.MinIterations
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Passwords:Iterations must be at least {PasswordHashOptions.MinIterations}.");
}
