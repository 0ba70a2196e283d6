using System.Threading.Channels;

namespace SessionService.Api.Revocations;

/// <summary>
/// One stream's queue of entries not yet written: bounded, and never waited on by the feed. When it is full its
/// reader has fallen behind, so it is closed (the stream ends and the follower resumes with Last-Event-ID)
/// instead of growing.
/// </summary>
public sealed class FeedFollower
{
    private readonly Channel<FeedEntry> _queue;

    public FeedFollower(int capacity) =>
        _queue = Channel.CreateBounded<FeedEntry>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });

    public ChannelReader<FeedEntry> Entries => _queue.Reader;

    /// <summary>Whether the reader fell behind and was cut off.</summary>
    public bool FellBehind { get; private set; }

    /// <summary>False when the follower was cut off by this entry or before.</summary>
    internal bool Offer(FeedEntry entry)
    {
        if (_queue.Writer.TryWrite(entry))
        {
            return true;
        }

        FellBehind = true;
        _queue.Writer.TryComplete();
        return false;
    }

    internal void Close() => _queue.Writer.TryComplete();
}
