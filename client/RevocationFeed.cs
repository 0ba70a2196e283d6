using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace SessionService.AspNetCore;

/// <summary>The two HTTP calls of the revocation feed: the snapshot (<c>GET /revocations</c>) and the stream (<c>GET /revocations/stream</c>).</summary>
internal sealed class RevocationFeed : IDisposable
{
    private readonly HttpClient _http;
    private readonly SessionTokensOptions _options;
    private readonly TimeProvider _clock;

    public RevocationFeed(IOptions<SessionTokensOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        var handler = _options.BackchannelHttpHandler;
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null)
        {
            BaseAddress = new Uri(_options.Authority.TrimEnd('/') + "/"),
            // The stream is open for hours; each call bounds itself with RequestTimeout instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Every live entry after <paramref name="after"/> (all when null) and the feed's cursor.</summary>
    public async Task<RevocationSnapshot> ReadSnapshotAsync(long? after, string serviceToken, CancellationToken cancellationToken)
    {
        using var timeout = RequestTimeout(cancellationToken);
        using var request = Request(after is null ? "revocations" : $"revocations?after={after}", serviceToken);
        using var response = await _http.SendAsync(request, timeout.Token);
        EnsureAnswered(response, "application/json");
        return await response.Content.ReadFromJsonAsync<RevocationSnapshot>(timeout.Token)
            ?? throw new RevocationFeedException("The revocation snapshot was empty.");
    }

    /// <summary>Opens the stream from after <paramref name="lastEventId"/>; the caller reads and disposes it.</summary>
    public async Task<Stream> OpenStreamAsync(long lastEventId, string serviceToken, CancellationToken cancellationToken)
    {
        using var request = Request("revocations/stream", serviceToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("Last-Event-ID", lastEventId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        HttpResponseMessage response;
        using (var timeout = RequestTimeout(cancellationToken))
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }

        try
        {
            EnsureAnswered(response, "text/event-stream");
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new IdleTimeoutStream(body, _options.StreamIdleTimeout, _clock);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Request(string path, string serviceToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceToken);
        return request;
    }

    private Deadline RequestTimeout(CancellationToken cancellationToken) => new(_options.RequestTimeout, _clock, cancellationToken);

    private static void EnsureAnswered(HttpResponseMessage response, string mediaType)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new RevocationFeedException(
                $"The session service refused the service token ({(int)response.StatusCode}); it needs the revocations:read scope.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new RevocationFeedException($"The revocation feed answered {(int)response.StatusCode}.");
        }

        if (response.Content.Headers.ContentType?.MediaType != mediaType)
        {
            throw new RevocationFeedException($"The revocation feed answered {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not {mediaType}.");
        }
    }
}

/// <summary>Cancels at the caller's token or after a timeout on the injected clock, whichever comes first.</summary>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    public Deadline(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        _timer = new CancellationTokenSource(timeout, clock);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
    }

    public CancellationToken Token => _linked.Token;

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}

/// <summary>The revocation feed answered something other than what the protocol promises.</summary>
public sealed class RevocationFeedException(string message) : Exception(message);
