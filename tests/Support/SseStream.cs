using System.Net.Http.Headers;
using System.Text.Json;

namespace SessionService.Tests.Support;

/// <summary>One server-sent event, or a comment line (a heartbeat).</summary>
public sealed record SseEvent(string? Id, string? Event, string? Data, string? Comment)
{
    public long Seq => long.Parse(Id!);

    public JsonElement Json => JsonDocument.Parse(Data!).RootElement.Clone();
}

/// <summary>A revocation stream as a follower reads it: line by line, events split at blank lines.</summary>
public sealed class SseStream(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
{
    public HttpResponseMessage Response { get; } = response;

    public static async Task<SseStream> OpenAsync(HttpClient client, string serviceToken, long? lastEventId = null, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/revocations/stream" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceToken);
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString());
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event or comment; null when the server ended the stream.</summary>
    public async Task<SseEvent?> NextAsync(CancellationToken cancellation)
    {
        string? id = null, name = null, data = null;
        while (await reader.ReadLineAsync(cancellation) is { } line)
        {
            if (line.Length == 0)
            {
                if (id is not null || name is not null || data is not null)
                {
                    return new SseEvent(id, name, data, null);
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                return new SseEvent(null, null, null, line[1..].Trim());
            }

            var colon = line.IndexOf(':');
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data = data is null ? value : data + "\n" + value; break;
            }
        }

        return null;
    }

    /// <summary>The next revocation event, skipping heartbeats; null when the stream ended.</summary>
    public async Task<SseEvent?> NextRevocationAsync(CancellationToken cancellation)
    {
        while (await NextAsync(cancellation) is { } next)
        {
            if (next.Comment is null)
            {
                return next;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        reader.Dispose();
        Response.Dispose();
        await Task.CompletedTask;
    }
}
