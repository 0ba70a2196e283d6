using Microsoft.Extensions.Options;
using SessionService.Grains;

namespace SessionService.Api.Compat.WordPress;

public sealed class WordPressOptionsValidator(IOptions<AuthOptions> auth) : IValidateOptions<WordPressOptions>
{
    public ValidateOptionsResult Validate(string? name, WordPressOptions options)
    {
        if (options.SiteUrl is not { Length: > 0 } site)
        {
            return ValidateOptionsResult.Success;
        }

        if (!Uri.TryCreate(site, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return ValidateOptionsResult.Fail($"{WordPressOptions.Section}:SiteUrl must be an absolute http or https URL without query or fragment, such as https://example.com.");
        }

        return string.Equals(site.TrimEnd('/'), auth.Value.Issuer.TrimEnd('/'), StringComparison.Ordinal)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{WordPressOptions.Section}:SiteUrl must equal Auth:Issuer ('{auth.Value.Issuer}'): WordPress clients' tokens carry the site URL as iss. Set Auth:Issuer to the site URL, or leave SiteUrl unset.");
    }
}
