using Microsoft.Extensions.Options;

namespace SessionService.AspNetCore;

/// <summary>
/// Where the revocation follower stands, for the token check, health checks and your own dashboards.
/// Tokens are refused until the follower has caught up once, and again once the stream has been down
/// longer than <see cref="SessionTokensOptions.FailClosedAfter"/> (measured on the injected
/// <see cref="TimeProvider"/>), until it has caught up again.
/// </summary>
public sealed class RevocationFeedState(IOptions<SessionTokensOptions> options, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private bool _live;
    private bool _caughtUpOnce;
    private DateTimeOffset? _downSince;
    private long? _position;

    /// <summary>Connected, with every entry up to the stream's start applied.</summary>
    public bool IsLive
    {
        get { lock (_lock) return _live; }
    }

    /// <summary>When the stream was lost (null while live or before the first connection).</summary>
    public DateTimeOffset? DownSince
    {
        get { lock (_lock) return _downSince; }
    }

    /// <summary>The sequence number of the last entry applied (the <c>Last-Event-ID</c> of the next connection).</summary>
    public long? Position
    {
        get { lock (_lock) return _position; }
    }

    /// <summary>Whether every token is refused now: never caught up, or down longer than <see cref="SessionTokensOptions.FailClosedAfter"/>.</summary>
    public bool RefusesAllTokens
    {
        get
        {
            lock (_lock)
            {
                return !_caughtUpOnce
                    || (!_live && _downSince is { } since && clock.GetUtcNow() - since > options.Value.FailClosedAfter);
            }
        }
    }

    internal void CaughtUp(long position)
    {
        lock (_lock)
        {
            _live = true;
            _caughtUpOnce = true;
            _downSince = null;
            _position = position;
        }
    }

    internal void Advanced(long position)
    {
        lock (_lock) _position = position;
    }

    /// <summary>The stream was lost (or a connection attempt failed); a loss after a catch-up starts the clock.</summary>
    internal void Lost()
    {
        lock (_lock)
        {
            if (_live)
            {
                _downSince = clock.GetUtcNow();
            }

            _live = false;
        }
    }
}
