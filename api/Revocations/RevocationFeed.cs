using Microsoft.Extensions.Options;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Revocations;

/// <summary>
/// This node's copy of the numbered revocations, for resource servers (<c>GET /revocations</c> and its stream). It
/// hears what the node's <see cref="Tokens.RevocationSet"/> hears (the authority's pushes and the periodic
/// resync), keeps each number once and drops an entry once it has expired, so memory stays bounded as the set's
/// does. New entries are offered to every open stream; a stream whose buffer is full is cut off, never waited on.
/// </summary>
public sealed class RevocationFeed(IOptions<RevocationFeedOptions> options, [FromKeyedServices(SessionClock.Key)] TimeProvider clock)
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private SortedList<long, FeedEntry> _entries = [];
    private readonly List<FeedFollower> _followers = [];
    private long _last;
    private DateTimeOffset _purgedAt = DateTimeOffset.MinValue;

    /// <summary>The highest number this node has heard of (0: none).</summary>
    public long Cursor
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    public int StreamCount
    {
        get
        {
            lock (_gate)
            {
                return _followers.Count;
            }
        }
    }

    /// <summary>Takes numbered entries (in any order, repeats allowed) and offers the new ones, by number, to every stream.</summary>
    public void Add(IEnumerable<RevocationEntry> entries)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            PurgeIfDue(now);
            var fresh = new List<FeedEntry>();
            foreach (var entry in entries.Where(e => e.Sequence > 0 && e.ExpiresAt > now).OrderBy(e => e.Sequence))
            {
                var published = FeedEntry.From(entry);
                if (_entries.TryGetValue(entry.Sequence, out var known))
                {
                    // A repeated entry keeps its number; only a later expiry is news, and not to the streams.
                    if (known.ExpiresAt < published.ExpiresAt)
                    {
                        _entries[entry.Sequence] = published;
                    }

                    continue;
                }

                _entries.Add(entry.Sequence, published);
                _last = Math.Max(_last, entry.Sequence);
                fresh.Add(published);
            }

            if (fresh.Count > 0)
            {
                _followers.RemoveAll(follower => !fresh.TrueForAll(follower.Offer));
            }
        }
    }

    /// <summary>The live entries numbered above <paramref name="after"/>, by number.</summary>
    public IReadOnlyList<FeedEntry> Since(long after)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            return LiveSince(after, now);
        }
    }

    /// <summary>
    /// Opens a stream from <paramref name="after"/>: the live entries numbered above it, and a follower that gets every
    /// entry added from now on (nothing in between is lost or given twice). Null when this node serves its
    /// maximum of streams already.
    /// </summary>
    public (IReadOnlyList<FeedEntry> Backlog, FeedFollower Follower)? Follow(long after)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            if (_followers.Count >= settings.MaxStreams)
            {
                return null;
            }

            var follower = new FeedFollower(settings.StreamBuffer);
            _followers.Add(follower);
            return (LiveSince(after, now), follower);
        }
    }

    public void Unfollow(FeedFollower follower)
    {
        lock (_gate)
        {
            _followers.Remove(follower);
        }

        follower.Close();
    }

    private List<FeedEntry> LiveSince(long after, long now)
    {
        var keys = _entries.Keys;
        var start = FirstAbove(keys, after);
        var live = new List<FeedEntry>(_entries.Count - start);
        for (var i = start; i < keys.Count; i++)
        {
            var entry = _entries.GetValueAtIndex(i);
            if (entry.ExpiresAt > now)
            {
                live.Add(entry);
            }
        }

        return live;
    }

    private static int FirstAbove(IList<long> sorted, long after)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] <= after)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private void PurgeIfDue(DateTimeOffset now)
    {
        if (now - _purgedAt < PurgeInterval)
        {
            return;
        }

        _purgedAt = now;
        var seconds = now.ToUnixTimeSeconds();
        if (!_entries.Values.Any(e => e.ExpiresAt <= seconds))
        {
            return;
        }

        // Rebuilt rather than removed one by one: removing from a sorted list's middle moves its tail each time.
        var live = new SortedList<long, FeedEntry>(_entries.Count);
        foreach (var (seq, entry) in _entries)
        {
            if (entry.ExpiresAt > seconds)
            {
                live.Add(seq, entry);
            }
        }

        _entries = live;
    }
}
