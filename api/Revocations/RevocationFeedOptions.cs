namespace SessionService.Api.Revocations;

/// <summary>The "Revocations" configuration section: the revocation feed's stream. Checked by <see cref="RevocationFeedOptionsValidator"/>.</summary>
public sealed class RevocationFeedOptions
{
    public const string Section = "Revocations";

    /// <summary>How often an idle stream sends <c>: heartbeat</c>, so followers and proxies know it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Entries one stream may have waiting for its reader; a reader that falls this far behind is disconnected (it resumes with Last-Event-ID).</summary>
    public int StreamBuffer { get; set; } = 1024;

    /// <summary>Streams this node serves at once; one more is answered 503 with Retry-After.</summary>
    public int MaxStreams { get; set; } = 1000;
}
