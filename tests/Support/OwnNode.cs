using Microsoft.Extensions.DependencyInjection;

namespace SessionService.Tests.Support;

/// <summary>
/// An embedded node of one test class's own (own data directory), for tests that change its settings or
/// add test services (fault switches, a fake clock). Dispose it from the class's DisposeAsync.
/// </summary>
public sealed class OwnNode : IAsyncDisposable
{
    private readonly TempDirectory _storage = new();

    public OwnNode(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Factory = new ApiFactory(_storage.Path, settings) { TestServices = services };
        Client = Factory.CreateClient();
    }

    public ApiFactory Factory { get; }

    public HttpClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        _storage.Dispose();
    }
}
