using System.Net;

namespace SessionService.Tests.Support;

/// <summary>
/// The in-process node (<see cref="ApiFactory"/>) listening on a real loopback port, for clients that need a
/// socket: a browser. The refresh cookie is allowed over plain HTTP, as for local use.
/// </summary>
public sealed class KestrelNode : IAsyncDisposable
{
    private readonly TempDirectory _storage = new();

    public KestrelNode(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Auth:RefreshCookieSecure"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var port = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Factory = new ApiFactory(_storage.Path, all);
        Factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        Factory.StartServer();
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public ApiFactory Factory { get; }

    public HttpClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        _storage.Dispose();
    }
}
