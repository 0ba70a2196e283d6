namespace SessionService.Tests.ResourceServer;

/// <summary>
/// The resource server's line to whichever service node is current: it can be cut (every open response
/// breaks, new requests fail as a refused connection would) and reopened to another node, as a restart
/// looks from outside. Records the feed's resume points (<c>?after=</c>, <c>Last-Event-ID</c>).
/// </summary>
public sealed class ServiceGate(Func<HttpMessageHandler> currentNode) : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private CancellationTokenSource _open = new();

    public List<string> FeedRequests { get; } = [];

    public void Cut()
    {
        lock (_lock)
        {
            _open.Cancel();
        }
    }

    public void Reopen()
    {
        lock (_lock)
        {
            _open = new CancellationTokenSource();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        CancellationToken open;
        lock (_lock)
        {
            open = _open.Token;
            if (request.RequestUri!.AbsolutePath.StartsWith("/revocations", StringComparison.Ordinal))
            {
                FeedRequests.Add(request.RequestUri.PathAndQuery + (request.Headers.TryGetValues("Last-Event-ID", out var id) ? " Last-Event-ID: " + id.Single() : ""));
            }
        }

        if (open.IsCancellationRequested)
        {
            throw new HttpRequestException("connection refused (the service is down)");
        }

        // Cancelling the request when the gate is cut aborts it on the node too, as a dropped connection does.
        var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, open);
        try
        {
            using var invoker = new HttpMessageInvoker(currentNode());
            var response = await invoker.SendAsync(request, linked.Token);
            var body = await response.Content.ReadAsStreamAsync(linked.Token);
            var content = new StreamContent(new CutOffStream(body, linked));
            foreach (var header in response.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = content;
            return response;
        }
        catch
        {
            linked.Dispose();
            throw;
        }
    }

    /// <summary>A response body whose reads fail once the gate is cut.</summary>
    private sealed class CutOffStream(Stream inner, CancellationTokenSource cut) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, cut.Token);
            try
            {
                return await inner.ReadAsync(buffer, linked.Token);
            }
            catch (OperationCanceledException) when (cut.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new IOException("connection reset (the service went down)");
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                cut.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
