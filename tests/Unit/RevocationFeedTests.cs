using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SessionService.Api.Revocations;
using SessionService.Grains.Contracts;

namespace SessionService.Tests.Unit;

public sealed class RevocationFeedTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Add_KeepsEachNumberOnce_InNumberOrder_AndIgnoresUnnumberedEntries()
    {
        var feed = NewFeed();

        feed.Add([Entry(3), Entry(1), new RevocationEntry(RevocationKind.Session, "unnumbered", Later(10))]);
        feed.Add([Entry(1), Entry(2)]);

        Assert.Equal([1L, 2, 3], feed.Since(0).Select(e => e.Seq));
        Assert.Equal([3L], feed.Since(2).Select(e => e.Seq));
        Assert.Empty(feed.Since(3));
        Assert.Equal(3, feed.Cursor);
    }

    [Fact]
    public void Entries_AreShapedAsTheProtocolSays()
    {
        var feed = NewFeed();
        var expires = Later(10);

        feed.Add([new RevocationEntry(RevocationKind.Session, "s", expires, 1), new RevocationEntry(RevocationKind.UserBlocked, "u", expires, 2),
            new RevocationEntry(RevocationKind.UserUnblocked, "v", expires, 3)]);

        Assert.Equal(
            [new FeedEntry(1, "session", "s", expires.ToUnixTimeSeconds()), new FeedEntry(2, "user_blocked", "u", expires.ToUnixTimeSeconds()),
                new FeedEntry(3, "user_unblocked", "v", expires.ToUnixTimeSeconds())],
            feed.Since(0));
        Assert.Equal("""{"seq":1,"kind":"session","subject":"s","expires_at":""" + expires.ToUnixTimeSeconds() + "}",
            System.Text.Json.JsonSerializer.Serialize(feed.Since(0)[0]));
    }

    [Fact]
    public void ExpiredEntries_AreNotServed_AndAreDropped_ButTheCursorStays()
    {
        var feed = NewFeed();
        feed.Add([Entry(1, minutes: 1), Entry(2, minutes: 10)]);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([2L], feed.Since(0).Select(e => e.Seq));

        _clock.Advance(TimeSpan.FromMinutes(9));
        feed.Add([]);
        Assert.Empty(feed.Since(0));
        Assert.Equal(2, feed.Cursor);
        Assert.Empty(feed.Follow(0)!.Value.Backlog);
    }

    [Fact]
    public async Task Follow_GivesTheBacklogAboveTheCursor_ThenEveryNewEntryOnce()
    {
        var feed = NewFeed();
        feed.Add([Entry(1), Entry(2)]);

        var (backlog, follower) = feed.Follow(1)!.Value;
        feed.Add([Entry(2), Entry(3), Entry(4)]);
        feed.Add([Entry(3)]);

        Assert.Equal([2L], backlog.Select(e => e.Seq));
        Assert.Equal([3L, 4], await ReadAvailableAsync(follower));
        Assert.False(follower.FellBehind);
    }

    [Fact]
    public async Task AFollowerWhoseBufferIsFull_IsCutOff_AfterWhatItsBufferHeld()
    {
        var feed = NewFeed(buffer: 2);
        var (_, slow) = feed.Follow(0)!.Value;
        var (_, other) = feed.Follow(0)!.Value;

        feed.Add([Entry(1), Entry(2)]);
        Assert.Equal([1L, 2], await ReadAvailableAsync(other));
        feed.Add([Entry(3)]);

        Assert.True(slow.FellBehind);
        Assert.Equal([1L, 2], await ReadAllAsync(slow));
        Assert.Equal(1, feed.StreamCount);
        Assert.Equal([3L], await ReadAvailableAsync(other));
        Assert.False(other.FellBehind);
    }

    [Fact]
    public void Follow_RefusesOneStreamMoreThanTheMaximum_AndAcceptsAgainOnceOneCloses()
    {
        var feed = NewFeed(maxStreams: 2);
        var (_, first) = feed.Follow(0)!.Value;
        Assert.NotNull(feed.Follow(0));

        Assert.Null(feed.Follow(0));
        feed.Unfollow(first);
        Assert.NotNull(feed.Follow(0));
    }

    private RevocationFeed NewFeed(int buffer = 16, int maxStreams = 10) =>
        new(Options.Create(new RevocationFeedOptions { StreamBuffer = buffer, MaxStreams = maxStreams }), _clock);

    private DateTimeOffset Later(int minutes) => _clock.GetUtcNow().AddMinutes(minutes);

    private RevocationEntry Entry(long seq, int minutes = 10) => new(RevocationKind.Session, "s" + seq, Later(minutes), seq);

    private static Task<List<long>> ReadAvailableAsync(FeedFollower follower)
    {
        var read = new List<long>();
        while (follower.Entries.TryRead(out var entry))
        {
            read.Add(entry.Seq);
        }

        return Task.FromResult(read);
    }

    private static async Task<List<long>> ReadAllAsync(FeedFollower follower)
    {
        var read = new List<long>();
        await foreach (var entry in follower.Entries.ReadAllAsync())
        {
            read.Add(entry.Seq);
        }

        return read;
    }
}
