namespace SessionService.Tests.Cli;

/// <summary>An HTTP handler that answers every request with one canned response and counts the requests.</summary>
public sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public int Requests { get; private set; }

    public List<Uri> Uris { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        Uris.Add(request.RequestUri!);
        return Task.FromResult(answer(request));
    }
}
