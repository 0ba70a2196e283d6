namespace SessionService.Testing;

/// <summary>Settings of an <see cref="InMemorySessionService"/>.</summary>
public sealed class InMemorySessionServiceOptions
{
    /// <summary>The base URL the service believes it is served under; also its issuer and the resource server's Authority.</summary>
    public Uri BaseAddress { get; set; } = new("https://localhost/");

    /// <summary>The <c>aud</c> of users' access tokens, i.e. the audience of the API under test.</summary>
    public string Audience { get; set; } = "session-service-api";

    /// <summary>Where the session clock starts (token issuing, expiry, lockouts, the refresh grace window).</summary>
    public DateTimeOffset Start { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Any other service setting, by its configuration key (e.g. <c>Auth:AccessTokenLifetime</c>).</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();
}
