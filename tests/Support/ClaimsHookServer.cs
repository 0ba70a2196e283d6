using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SessionService.Tests.Support;

/// <summary>
/// An operator's claims hook on a loopback port: answers what <see cref="Answer"/> says and records each
/// call's body, Authorization header and Content-Length.
/// </summary>
public sealed class ClaimsHookServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(JsonElement Body, string? Authorization, long? ContentLength)> _calls = new();

    private ClaimsHookServer(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}/hook";
    }

    public string Url { get; }

    /// <summary>The answer to the next calls: status, JSON body, and a delay before answering.</summary>
    public volatile HookAnswer Answer = new(200, """{"claims":{}}""", TimeSpan.Zero);

    public IReadOnlyList<(JsonElement Body, string? Authorization, long? ContentLength)> Calls => [.. _calls];

    public static async Task<ClaimsHookServer> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ClaimsHookServer(app, port);
        app.MapPost("/hook", async context =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            server._calls.Enqueue((body, context.Request.Headers.Authorization.ToString(), context.Request.ContentLength));
            var answer = server.Answer;
            await Task.Delay(answer.Delay);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Json);
        });
        await app.StartAsync();
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

public sealed record HookAnswer(int Status, string Json, TimeSpan Delay);
