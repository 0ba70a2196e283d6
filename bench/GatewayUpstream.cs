using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace SessionService.Bench;

/// <summary>The cheapest upstream there is, in this process: Kestrel answering 200 with no body on any path.</summary>
internal sealed class GatewayUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayUpstream(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<GatewayUpstream> StartAsync()
    {
        var address = new Uri($"http://127.0.0.1:{EmbeddedNode.Port()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(address.ToString());
        var app = builder.Build();
        app.Run(_ => Task.CompletedTask);
        await app.StartAsync();
        return new GatewayUpstream(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
