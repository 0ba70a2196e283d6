using System.CommandLine;

namespace SessionService.Cli;

/// <summary>The options every command takes.</summary>
public sealed class GlobalOptions
{
    public const string UrlVariable = "SESSIONCTL_URL";
    public const string TokenVariable = "SESSIONCTL_TOKEN";
    public const string DefaultUrl = "http://localhost:5000";

    public Option<string?> Url { get; } = new("--url")
    {
        Description = $"The service's base URL (default: ${UrlVariable}, else {DefaultUrl}).",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the service's JSON answer instead of a table.",
        Recursive = true,
    };

    /// <summary>The base URL to send to, always ending in '/' so relative paths keep a path prefix.</summary>
    public Uri BaseUrl(ParseResult parse, CliEnvironment environment)
    {
        var text = parse.GetValue(Url) ?? NonEmpty(environment.Variable(UrlVariable)) ?? DefaultUrl;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw CliFailure.Usage("invalid_url", $"--url must be an http or https base URL without query, got '{text}'.");
        }

        return url.AbsolutePath.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }

    public static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
