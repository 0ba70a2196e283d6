using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SessionService.Api.Revocations;
using SessionService.Grains.Contracts;
using SessionService.Tests.Support;
using Xunit.Abstractions;

namespace SessionService.Tests.Http;

/// <summary>A node whose revocation streams have a small buffer and a quick heartbeat, shared by <see cref="RevocationFeedHttpTests"/>.</summary>
public sealed class FeedNodeFixture : IAsyncLifetime
{
    public const int StreamBuffer = 64;

    /// <summary>Room for the load test's hundred followers and whatever other tests leave open meanwhile.</summary>
    public const int MaxStreams = 150;

    public OwnNode Node { get; private set; } = null!;

    public string ReaderToken { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Node = new OwnNode(new Dictionary<string, string?>
        {
            ["Revocations:StreamBuffer"] = StreamBuffer.ToString(),
            ["Revocations:HeartbeatInterval"] = "00:00:00.200",
            ["Revocations:MaxStreams"] = MaxStreams.ToString(),
        });
        return InitializeTokenAsync();
    }

    private async Task InitializeTokenAsync() =>
        ReaderToken = await Node.Client.ServiceTokenAsync("revocations:read");

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

public sealed class RevocationFeedHttpTests(FeedNodeFixture fixture, ITestOutputHelper output) : IClassFixture<FeedNodeFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private HttpClient Client => fixture.Node.Client;

    private IRevocationAuthorityGrain Authority =>
        fixture.Node.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IRevocationAuthorityGrain>(RevocationAuthority.Id);

    [Fact]
    public async Task Feed_NeedsAServiceTokenWithRevocationsRead()
    {
        var admin = await Client.AdminTokenAsync();
        var introspector = await Client.ServiceTokenAsync("introspect");
        var otherService = await Client.ServiceTokenAsync("revocations:read", audience: "billing");

        foreach (var path in new[] { "/revocations", "/revocations/stream" })
        {
            var none = await Client.GetAsync(path, bearer: null);
            await none.AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
            Assert.StartsWith("Bearer", none.Headers.WwwAuthenticate.ToString());
            await (await Client.GetAsync(path, admin)).AssertProblemAsync(HttpStatusCode.Unauthorized, "bad_aud");
            await (await Client.GetAsync(path, otherService)).AssertProblemAsync(HttpStatusCode.Unauthorized, "bad_aud");
            var wrongScope = await Client.GetAsync(path, introspector);
            await wrongScope.AssertProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
            Assert.Contains("error=\"insufficient_scope\", scope=\"revocations:read\"", wrongScope.Headers.WwwAuthenticate.ToString());
        }

        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/revocations", fixture.ReaderToken)).StatusCode);
    }

    [Fact]
    public async Task Feed_RefusesAnExpiredServiceToken_AfterTheClockSkew()
    {
        var shortLived = await Client.ServiceTokenAsync("revocations:read", expiresIn: 1);
        fixture.Node.Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/revocations", shortLived)).StatusCode);

        fixture.Node.Factory.Clock.Advance(TimeSpan.FromSeconds(1));

        await (await Client.GetAsync("/revocations", shortLived)).AssertProblemAsync(HttpStatusCode.Unauthorized, "expired_token");
    }

    [Fact]
    public async Task List_AfterALogout_HasTheSession_AndAfterGivesOnlyLaterEntries()
    {
        var before = await CursorAsync();
        var (name, userId) = await Client.NewUserAsync();
        var login = await Client.LoginOkAsync(name);
        var sessionId = RawJwt.Claim(login.Str("access_token"), "sid");

        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync("/auth/logout", null, login.Str("access_token"))).StatusCode);

        var all = await (await Client.GetAsync("/revocations", fixture.ReaderToken)).JsonAsync();
        var entry = Assert.Single(all.GetProperty("entries").EnumerateArray(), e => e.Str("subject") == sessionId);
        Assert.Equal("session", entry.Str("kind"));
        Assert.True(entry.GetProperty("seq").GetInt64() > before);
        Assert.True(entry.GetProperty("expires_at").GetInt64() > fixture.Node.Factory.Clock.GetUtcNow().ToUnixTimeSeconds());
        var seqs = all.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(seqs.Max().ToString(), all.Str("cursor"));
        var later = await (await Client.GetAsync($"/revocations?after={entry.GetProperty("seq").GetInt64()}", fixture.ReaderToken)).JsonAsync();
        Assert.DoesNotContain(later.GetProperty("entries").EnumerateArray(), e => e.Str("subject") == sessionId);
        Assert.NotEqual(userId, sessionId);
    }

    [Theory]
    [InlineData("?after=-1")]
    [InlineData("?after=1.5")]
    [InlineData("?after=abc")]
    [InlineData("?after=99999999999999999999")]
    public async Task List_RefusesAPositionThatIsNoNumber(string query) =>
        await (await Client.GetAsync("/revocations" + query, fixture.ReaderToken)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");

    [Fact]
    public async Task Stream_RefusesALastEventIdThatIsNoNumber()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/revocations/stream");
        request.Headers.Authorization = new("Bearer", fixture.ReaderToken);
        request.Headers.Add("Last-Event-ID", "x12");

        await (await Client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Stream_DeliversALogoutWithinOneSecond_AsARevocationEvent()
    {
        var (name, _) = await Client.NewUserAsync();
        var access = (await Client.LoginOkAsync(name)).Str("access_token");
        var sessionId = RawJwt.Claim(access, "sid");
        await using var stream = await SseStream.OpenAsync(Client, fixture.ReaderToken, lastEventId: await CursorAsync());
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.True(stream.Response.Headers.CacheControl?.NoStore);
        using var timeout = new CancellationTokenSource(Patience);

        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync("/auth/logout", null, access)).StatusCode);
        SseEvent? revocation;
        do
        {
            revocation = await stream.NextRevocationAsync(timeout.Token);
        }
        while (revocation is not null && revocation.Json.Str("subject") != sessionId);

        var elapsed = watch.Elapsed;
        output.WriteLine($"logout to stream event: {elapsed.TotalMilliseconds:F0} ms");
        Assert.NotNull(revocation);
        Assert.True(elapsed < Eventually.Promise, $"took {elapsed}");
        Assert.Equal("revocation", revocation.Event);
        Assert.Equal(revocation.Seq, revocation.Json.GetProperty("seq").GetInt64());
        Assert.Equal("session", revocation.Json.Str("kind"));
    }

    [Fact]
    public async Task Stream_FromLastEventId_SendsOnlyNewerLiveEntries_ThenNewOnes()
    {
        var published = await PublishAsync(3);
        var firstSeq = published[0].Sequence;

        await using (var fromHeader = await SseStream.OpenAsync(Client, fixture.ReaderToken, lastEventId: firstSeq, query: "?after=0"))
        await using (var fromQuery = await SseStream.OpenAsync(Client, fixture.ReaderToken, query: $"?after={firstSeq + 1}"))
        {
            using var timeout = new CancellationTokenSource(Patience);
            Assert.Equal([firstSeq + 1, firstSeq + 2], await ReadSeqsAsync(fromHeader, 2, timeout.Token));
            Assert.Equal([firstSeq + 2], await ReadSeqsAsync(fromQuery, 1, timeout.Token));

            var next = await PublishAsync(1);

            Assert.Equal([next[0].Sequence], await ReadSeqsAsync(fromHeader, 1, timeout.Token));
            Assert.Equal([next[0].Sequence], await ReadSeqsAsync(fromQuery, 1, timeout.Token));
        }
    }

    [Fact]
    public async Task Stream_WithoutAPosition_StartsWithEveryLiveEntry()
    {
        var published = await PublishAsync(2);
        var live = await (await Client.GetAsync("/revocations", fixture.ReaderToken)).JsonAsync();
        var expected = live.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList();

        await using var stream = await SseStream.OpenAsync(Client, fixture.ReaderToken);
        using var timeout = new CancellationTokenSource(Patience);

        Assert.Equal(expected, await ReadSeqsAsync(stream, expected.Count, timeout.Token));
        Assert.Contains(published[1].Sequence, expected);
    }

    [Fact]
    public async Task Stream_SendsHeartbeats_WhileIdle()
    {
        await using var stream = await SseStream.OpenAsync(Client, fixture.ReaderToken, lastEventId: await CursorAsync());
        using var timeout = new CancellationTokenSource(Patience);

        var first = await stream.NextAsync(timeout.Token);

        Assert.Equal("heartbeat", first?.Comment);
    }

    [Fact]
    public async Task Stream_CutsOffAReaderThatFallsBehind_AndItsResumeLosesNothing()
    {
        var feed = fixture.Node.Factory.Services.GetRequiredService<RevocationFeed>();
        var streamsBefore = feed.StreamCount;
        var start = await CursorAsync();
        await using var slow = await SseStream.OpenAsync(Client, fixture.ReaderToken, lastEventId: start);

        var published = await PublishAsync(FeedNodeFixture.StreamBuffer * 8);

        using var timeout = new CancellationTokenSource(Patience);
        var before = await ReadSeqsAsync(slow, int.MaxValue, timeout.Token);
        Assert.InRange(before.Count, 1, published.Count - 1);
        Assert.Equal(streamsBefore, feed.StreamCount);
        await using var resumed = await SseStream.OpenAsync(Client, fixture.ReaderToken, lastEventId: before[^1]);
        var after = await ReadSeqsAsync(resumed, published.Count - before.Count, timeout.Token);
        Assert.Equal(published.Select(e => e.Sequence), before.Concat(after));
        output.WriteLine($"cut off after {before.Count} of {published.Count} events (buffer {FeedNodeFixture.StreamBuffer})");
    }

    [Fact]
    public async Task Stream_OneMoreThanMaxStreams_Is503WithRetryAfter_AndAClosedStreamMakesRoom()
    {
        var feed = fixture.Node.Factory.Services.GetRequiredService<RevocationFeed>();
        await WaitForStreamCountAsync(feed, 0);
        var cursor = await CursorAsync();
        var open = new List<SseStream>();
        SseStream? refused = null;
        try
        {
            while (refused is null && open.Count <= FeedNodeFixture.MaxStreams)
            {
                var stream = await SseStream.OpenAsync(Client, fixture.ReaderToken, lastEventId: cursor);
                if (stream.Response.StatusCode == HttpStatusCode.OK)
                {
                    open.Add(stream);
                }
                else
                {
                    refused = stream;
                }
            }

            Assert.NotNull(refused);
            Assert.Equal(FeedNodeFixture.MaxStreams, feed.StreamCount);
            await refused.Response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
            Assert.NotNull(refused.Response.Headers.RetryAfter);

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            await WaitForStreamCountAsync(feed, FeedNodeFixture.MaxStreams - 1);
            await using var again = await SseStream.OpenAsync(Client, fixture.ReaderToken, lastEventId: cursor);
            Assert.Equal(HttpStatusCode.OK, again.Response.StatusCode);
        }
        finally
        {
            foreach (var stream in open)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Stream_UnderLoad_HundredFollowersEachSeeThousandRevocationsExactlyOnce()
    {
        const int followers = 100, revocations = 1000, batch = 10;
        var start = await CursorAsync();
        var streams = await Task.WhenAll(Enumerable.Range(0, followers).Select(_ => SseStream.OpenAsync(Client, fixture.ReaderToken, lastEventId: start)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var reconnects = 0;
        var watch = Stopwatch.StartNew();
        var reading = streams.Select(stream => Task.Run(async () =>
        {
            var seen = new List<long>();
            var current = stream;
            while (seen.Count < revocations)
            {
                if (await current.NextRevocationAsync(timeout.Token) is { } next)
                {
                    seen.Add(next.Seq);
                    continue;
                }

                // Cut off for falling behind: resume as a real follower does.
                Interlocked.Increment(ref reconnects);
                await current.DisposeAsync();
                current = await SseStream.OpenAsync(Client, fixture.ReaderToken, lastEventId: seen.Count > 0 ? seen[^1] : start);
            }

            await current.DisposeAsync();
            return seen;
        })).ToList();

        var published = new List<long>();
        for (var i = 0; i < revocations / batch; i++)
        {
            published.AddRange((await PublishAsync(batch)).Select(e => e.Sequence));
        }

        var seenByEach = await Task.WhenAll(reading);
        output.WriteLine($"{followers} followers x {revocations} revocations: {watch.ElapsedMilliseconds} ms, {reconnects} resumes after a cut-off");
        Assert.All(seenByEach, seen => Assert.Equal(published, seen));
    }

    /// <summary>Publishes <paramref name="count"/> new session revocations the way user grains do; answers them numbered.</summary>
    private async Task<List<RevocationEntry>> PublishAsync(int count)
    {
        var subjects = Enumerable.Range(0, count).Select(_ => SessionService.Grains.Ids.NewSessionId()).ToList();
        var expires = fixture.Node.Factory.Clock.GetUtcNow().AddHours(1);
        await Authority.PublishAsync([.. subjects.Select(s => new RevocationEntry(RevocationKind.Session, s, expires))]);
        var live = await Authority.GetRevocationsAsync();
        return [.. subjects.Select(s => live.Single(e => e.SubjectId == s)).OrderBy(e => e.Sequence)];
    }

    /// <summary>A stream the client closed is let go when the server notices the abort, a moment later.</summary>
    private static async Task WaitForStreamCountAsync(RevocationFeed feed, int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (feed.StreamCount > count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private async Task<long> CursorAsync() =>
        long.Parse((await (await Client.GetAsync("/revocations", fixture.ReaderToken)).JsonAsync()).Str("cursor"));

    private static async Task<List<long>> ReadSeqsAsync(SseStream stream, int count, CancellationToken cancellation)
    {
        var seqs = new List<long>();
        while (seqs.Count < count && await stream.NextRevocationAsync(cancellation) is { } next)
        {
            seqs.Add(next.Seq);
        }

        return seqs;
    }
}
