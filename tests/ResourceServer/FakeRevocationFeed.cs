using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SessionService.AspNetCore;

namespace SessionService.Tests.ResourceServer;

/// <summary>
/// The feed protocol (<c>GET /revocations</c>, <c>GET /revocations/stream</c>) served from a list in the
/// test, with switches the real service lacks: cut every open stream, refuse connections, add entries
/// while nobody listens. Records each stream request's <c>Last-Event-ID</c>.
/// </summary>
public sealed class FakeRevocationFeed : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly List<RevocationEntry> _entries = [];
    private readonly List<PipeWriter> _streams = [];
    private bool _down;

    /// <summary>The <c>Last-Event-ID</c> of each stream request.</summary>
    public List<string?> StreamRequests { get; } = [];

    /// <summary>The <c>after</c> of each snapshot request.</summary>
    public List<string?> SnapshotRequests { get; } = [];

    public long Cursor
    {
        get { lock (_lock) return _entries.Count == 0 ? 0 : _entries[^1].Seq; }
    }

    /// <summary>Adds an entry and sends it to every open stream.</summary>
    public void Revoke(string kind, string subject)
    {
        lock (_lock)
        {
            var entry = new RevocationEntry(Cursor + 1, kind, subject, DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds());
            _entries.Add(entry);
            foreach (var stream in _streams)
            {
                stream.WriteAsync(Event(entry)).AsTask().GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>Breaks every open stream and refuses new connections until <see cref="Restore"/>.</summary>
    public void TakeDown()
    {
        lock (_lock)
        {
            _down = true;
            foreach (var stream in _streams)
            {
                stream.Complete(new IOException("connection reset (fake feed taken down)"));
            }

            _streams.Clear();
        }
    }

    public void Restore()
    {
        lock (_lock) _down = false;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_lock)
        {
            if (_down)
            {
                throw new HttpRequestException("connection refused (fake feed down)");
            }

            return request.RequestUri!.AbsolutePath switch
            {
                "/revocations" => Snapshot(request.RequestUri),
                "/revocations/stream" => OpenStream(request),
                _ => new HttpResponseMessage(HttpStatusCode.NotFound),
            };
        }
    }

    private HttpResponseMessage Snapshot(Uri uri)
    {
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        SnapshotRequests.Add(query["after"]);
        var after = long.TryParse(query["after"], out var value) ? value : 0;
        var body = new { cursor = Cursor.ToString(), entries = _entries.Where(e => e.Seq > after).ToArray() };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(body) };
    }

    private HttpResponseMessage OpenStream(HttpRequestMessage request)
    {
        var lastEventId = request.Headers.TryGetValues("Last-Event-ID", out var values) ? values.Single() : null;
        StreamRequests.Add(lastEventId);
        var after = long.TryParse(lastEventId, out var value) ? value : 0;
        var pipe = new Pipe();
        foreach (var entry in _entries.Where(e => e.Seq > after))
        {
            pipe.Writer.WriteAsync(Event(entry)).AsTask().GetAwaiter().GetResult();
        }

        _streams.Add(pipe.Writer);
        var content = new StreamContent(pipe.Reader.AsStream());
        content.Headers.ContentType = new("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private static byte[] Event(RevocationEntry entry) =>
        Encoding.UTF8.GetBytes($"id: {entry.Seq}\nevent: revocation\ndata: {JsonSerializer.Serialize(entry)}\n\n: heartbeat\n\n");
}

/// <summary>Sends the feed's paths to one handler and everything else (discovery, JWKS) to another.</summary>
public sealed class FeedRouting(HttpMessageHandler feed, HttpMessageHandler service) : HttpMessageHandler
{
    private readonly HttpMessageInvoker _feed = new(feed, disposeHandler: false);
    private readonly HttpMessageInvoker _service = new(service);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.RequestUri!.AbsolutePath.StartsWith("/revocations", StringComparison.Ordinal)
            ? _feed.SendAsync(request, cancellationToken)
            : _service.SendAsync(request, cancellationToken);
}
