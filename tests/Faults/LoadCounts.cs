using System.Collections.Concurrent;
using System.Net;

namespace SessionService.Tests.Faults;

/// <summary>
/// Every answer the load got, by kind, and every broken promise seen while it ran: a 5xx other than
/// 503 with <c>Retry-After</c>, or a 4xx to a request that was valid (the load only sends valid ones).
/// </summary>
public sealed class LoadCounts
{
    private int _requests;
    private int _successes;
    private int _unavailable;
    private int _serverErrors;
    private int _otherClientErrors;
    private int _noAnswer;

    public int Requests => Volatile.Read(ref _requests);
    public int Successes => Volatile.Read(ref _successes);

    /// <summary>503 with <c>Retry-After</c>: the answer the contract allows while a fault is on.</summary>
    public int Unavailable => Volatile.Read(ref _unavailable);

    /// <summary>Every 5xx, allowed or not: shows that a fault really reached the requests.</summary>
    public int ServerErrors => Volatile.Read(ref _serverErrors);

    public int OtherClientErrors => Volatile.Read(ref _otherClientErrors);

    /// <summary>No HTTP answer: connection refused or reset (a killed process), or no answer within the client's timeout.</summary>
    public int NoAnswer => Volatile.Read(ref _noAnswer);

    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>Counts the answer; returns its body for the caller's own checks.</summary>
    public async Task<string> RecordAsync(string request, HttpResponseMessage response)
    {
        Interlocked.Increment(ref _requests);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        if (status < 400)
        {
            Interlocked.Increment(ref _successes);
        }
        else if (status < 500)
        {
            Interlocked.Increment(ref _otherClientErrors);
        }
        else
        {
            Interlocked.Increment(ref _serverErrors);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null)
            {
                Interlocked.Increment(ref _unavailable);
            }
            else
            {
                Violate($"{request} answered {status} {(response.Headers.RetryAfter is null ? "without" : "with")} Retry-After: {Shorten(body)}");
            }
        }

        return body;
    }

    public void RecordNoAnswer()
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _noAnswer);
    }

    public void Violate(string what) => Violations.Enqueue(what);

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "...";
}
