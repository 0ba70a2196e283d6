namespace SessionService.Tests.Support;

/// <summary>A node (a real process), an echo upstream, and nginx running deploy/nginx.conf in front of both.</summary>
public sealed class NginxGateway : IAsyncDisposable
{
    private readonly TempDirectory _storage;
    private readonly NodeProcess _node;

    private NginxGateway(TempDirectory storage, NodeProcess node, EchoUpstream upstream, NginxProcess nginx)
    {
        _storage = storage;
        _node = node;
        Upstream = upstream;
        Nginx = nginx;
        Client = new HttpClient { BaseAddress = nginx.Address };
        Node = new HttpClient { BaseAddress = node.Address };
    }

    /// <summary>Calls through nginx, as a client of the gateway does.</summary>
    public HttpClient Client { get; }

    /// <summary>Calls the node directly (the admin API).</summary>
    public HttpClient Node { get; }

    public EchoUpstream Upstream { get; }

    public NginxProcess Nginx { get; }

    /// <param name="nodeSettings">Environment of the node (e.g. Gateway__Anonymous).</param>
    public static async Task<NginxGateway> StartAsync(IDictionary<string, string>? nodeSettings = null)
    {
        var storage = new TempDirectory();
        NodeProcess? node = null;
        EchoUpstream? upstream = null;
        try
        {
            node = await NodeProcess.StartAsync(storage.Path, nodeSettings);
            upstream = await EchoUpstream.StartAsync();
            var port = FreePort.Next();
            var nginx = await NginxProcess.StartAsync(NginxConfig.FromDeploy(node.Address.Port, upstream.Port, port), port);
            return new NginxGateway(storage, node, upstream, nginx);
        }
        catch
        {
            if (upstream is not null)
            {
                await upstream.DisposeAsync();
            }

            node?.Dispose();
            storage.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Node.Dispose();
        Nginx.Dispose();
        await Upstream.DisposeAsync();
        _node.Dispose();
        _storage.Dispose();
    }
}
