using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace SessionService.Api.Revocations;

/// <summary>
/// Writes one follower's server-sent events: the backlog, then each new entry as <c>id: seq</c>, <c>event: revocation</c>,
/// <c>data: {json}</c>, and <c>: heartbeat</c> comments while idle. It ends when the client goes, or when its
/// follower fell behind and was cut off, or when the node stops (the client resumes with Last-Event-ID, here or on
/// another node; an open stream must not hold a graceful stop up).
/// </summary>
public sealed class RevocationStream(IOptions<RevocationFeedOptions> options, TimeProvider time, IHostApplicationLifetime lifetime)
{
    public const string ContentType = "text/event-stream";
    private static readonly byte[] Heartbeat = ": heartbeat\n\n"u8.ToArray();

    public async Task WriteAsync(HttpContext http, IReadOnlyList<FeedEntry> backlog, FeedFollower follower)
    {
        var response = http.Response;
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        // Tells nginx not to hold events back in its buffer.
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await response.StartAsync(ending.Token);
            await PumpAsync(response, backlog, follower, ending.Token);
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // The client went away, or the node is stopping.
        }
    }

    /// <summary>The backlog, then new entries and heartbeats until the follower is cut off or <paramref name="cancellation"/> fires.</summary>
    private async Task PumpAsync(HttpResponse response, IReadOnlyList<FeedEntry> backlog, FeedFollower follower, CancellationToken cancellation)
    {
        var buffer = new MemoryStream();
        foreach (var entry in backlog)
        {
            Append(buffer, entry);
        }

        await FlushAsync(response, buffer, cancellation);
        using var heartbeat = new PeriodicTimer(options.Value.HeartbeatInterval, time);
        var nextEntry = follower.Entries.WaitToReadAsync(cancellation).AsTask();
        var nextBeat = heartbeat.WaitForNextTickAsync(cancellation).AsTask();
        while (true)
        {
            if (await Task.WhenAny(nextEntry, nextBeat) == nextEntry)
            {
                if (!await nextEntry)
                {
                    return;
                }

                while (follower.Entries.TryRead(out var entry))
                {
                    Append(buffer, entry);
                }

                nextEntry = follower.Entries.WaitToReadAsync(cancellation).AsTask();
            }
            else
            {
                if (!await nextBeat)
                {
                    return;
                }

                buffer.Write(Heartbeat);
                nextBeat = heartbeat.WaitForNextTickAsync(cancellation).AsTask();
            }

            await FlushAsync(response, buffer, cancellation);
        }
    }

    private static void Append(MemoryStream buffer, FeedEntry entry)
    {
        buffer.Write(Encoding.UTF8.GetBytes($"id: {entry.Seq.ToString(CultureInfo.InvariantCulture)}\nevent: revocation\ndata: "));
        buffer.Write(JsonSerializer.SerializeToUtf8Bytes(entry));
        buffer.Write("\n\n"u8);
    }

    private static async Task FlushAsync(HttpResponse response, MemoryStream buffer, CancellationToken cancellation)
    {
        if (buffer.Length > 0)
        {
            await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellation);
            buffer.SetLength(0);
        }

        await response.Body.FlushAsync(cancellation);
    }
}
