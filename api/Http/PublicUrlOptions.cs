namespace SessionService.Api.Http;

/// <summary>
/// The "Api" configuration section: where this service is reached from outside. Checked by <see cref="PublicUrlOptionsValidator"/>.
/// </summary>
public sealed class PublicUrlOptions
{
    public const string Section = "Api";

    /// <summary>
    /// The base URL (http or https, a path prefix allowed) that discovery documents put in front of <c>jwks_uri</c>
    /// and the endpoint URLs. Unset: <c>Auth:Issuer</c> when it is an http(s) URL; else the request's own scheme and
    /// host, but only when <c>AllowedHosts</c> names hosts (host filtering has then refused every other Host header);
    /// else root-relative paths. The Host header alone is never trusted: a forged one would send resource servers
    /// to an attacker's keys.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}
