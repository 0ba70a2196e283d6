using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SessionService.Tests.Support;

/// <summary>One request as the upstream received it.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string[]> Headers, string Body)
{
    /// <summary>Every value of the header (names are case-insensitive), none when it was not sent.</summary>
    public string[] Values(string name) => Headers.TryGetValue(name, out var values) ? values : [];
}

/// <summary>An API behind a gateway, in process on a loopback port: answers 200 to anything and records what it got.</summary>
public sealed class EchoUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private EchoUpstream(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<EchoUpstream> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new EchoUpstream(app, port);
        app.Run(async context =>
        {
            var request = context.Request;
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            upstream._received.Enqueue(new ReceivedRequest(
                request.Method,
                request.Path + request.QueryString,
                request.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase),
                body));
            await context.Response.WriteAsync("echo");
        });
        await app.StartAsync();
        return upstream;
    }

    public void Clear() => _received.Clear();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
