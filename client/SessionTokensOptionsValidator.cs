using Microsoft.Extensions.Options;

namespace SessionService.AspNetCore;

/// <summary>Refuses to start with options that would verify nothing or trust the wrong place, naming the key.</summary>
public sealed class SessionTokensOptionsValidator : IValidateOptions<SessionTokensOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SessionTokensOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            failures.Add($"SessionTokens: Authority must be an absolute http(s) URL (got '{options.Authority}').");
        }
        else if (options.RequireHttpsMetadata && authority.Scheme != "https")
        {
            failures.Add("SessionTokens: Authority must use https while RequireHttpsMetadata is true.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("SessionTokens: Audience must be set (this API's audience).");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceToken) && options.ServiceTokenProvider is null)
        {
            failures.Add("SessionTokens: ServiceToken (or ServiceTokenProvider) must be set: a service token with the revocations:read scope.");
        }

        if (options.FailClosedAfter <= TimeSpan.Zero)
        {
            failures.Add($"SessionTokens: FailClosedAfter must be positive (got {options.FailClosedAfter}).");
        }

        if (options.StreamIdleTimeout <= TimeSpan.Zero || options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("SessionTokens: StreamIdleTimeout and RequestTimeout must be positive.");
        }

        if (options.Backoff.Initial <= TimeSpan.Zero || options.Backoff.Maximum < options.Backoff.Initial)
        {
            failures.Add($"SessionTokens: Backoff.Initial must be positive and Backoff.Maximum at least Backoff.Initial (got {options.Backoff.Initial}, {options.Backoff.Maximum}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
