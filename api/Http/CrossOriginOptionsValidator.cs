using Microsoft.Extensions.Options;

namespace SessionService.Api.Http;

/// <summary>Credentials are sent to listed origins only: no wildcards, no paths.</summary>
public sealed class CrossOriginOptionsValidator : IValidateOptions<CrossOriginOptions>
{
    public ValidateOptionsResult Validate(string? name, CrossOriginOptions options)
    {
        var errors = options.AllowedOrigins
            .Select((origin, index) => IsOrigin(origin)
                ? null
                : $"Cors:AllowedOrigins:{index} ('{origin}') must be an origin such as https://app.example.com.")
            .OfType<string>()
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            && uri.AbsolutePath == "/" && !origin.Contains('*') && !origin.EndsWith('/');
}
