namespace SessionService.AspNetCore;

/// <summary>
/// How a resource server trusts the session service: where it is, which audience this API is, and how the
/// revocation feed is followed. Checked at start by <see cref="SessionTokensOptionsValidator"/>.
/// </summary>
public sealed class SessionTokensOptions
{
    /// <summary>The session service's public base URL; its issuer, discovery document and revocation feed live under it.</summary>
    public string Authority { get; set; } = "";

    /// <summary>This API's audience: tokens issued for another audience are refused.</summary>
    public string Audience { get; set; } = "";

    /// <summary>A service token with the <c>revocations:read</c> scope (from <c>POST /admin/tokens</c>).</summary>
    public string? ServiceToken { get; set; }

    /// <summary>
    /// Fetches the service token on every (re)connection instead of <see cref="ServiceToken"/>, e.g. from a
    /// secret store, so a rotated token is picked up without a restart.
    /// </summary>
    public Func<IServiceProvider, CancellationToken, ValueTask<string>>? ServiceTokenProvider { get; set; }

    /// <summary>
    /// How long the revocation stream may stay down before every token is refused (401) until it has caught
    /// up again. Within this time the API keeps answering from what it last knew.
    /// </summary>
    public TimeSpan FailClosedAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Discovery, JWKS and the feed must be fetched over HTTPS. Turn off only for local development.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// A stream that delivers no byte (not even a heartbeat, sent every 15 s) for this long is treated as
    /// dead and reconnected, so a silently dropped connection cannot keep stale knowledge alive.
    /// </summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How long one request of the feed (its snapshot, the stream's headers) may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Delays between reconnection attempts while the stream is down.</summary>
    public ReconnectBackoff Backoff { get; set; } = new();

    /// <summary>
    /// The handler for every call to the session service (discovery, JWKS, feed). Null uses the network;
    /// the in-memory test fixture sets its own.
    /// </summary>
    public HttpMessageHandler? BackchannelHttpHandler { get; set; }
}
