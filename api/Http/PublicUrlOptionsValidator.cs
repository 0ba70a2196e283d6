using Microsoft.Extensions.Options;

namespace SessionService.Api.Http;

public sealed class PublicUrlOptionsValidator : IValidateOptions<PublicUrlOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicUrlOptions options) =>
        options.PublicBaseUrl is null || PublicBaseUrl.IsBaseUrl(options.PublicBaseUrl)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Api:PublicBaseUrl ('{options.PublicBaseUrl}') must be an absolute http or https URL without query or fragment, such as https://auth.example.com.");
}
