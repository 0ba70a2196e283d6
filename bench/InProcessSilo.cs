using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SessionService.Silo;

namespace SessionService.Bench;

/// <summary>
/// The embedded silo (<c>AddSessionSilo</c>) hosted in the bench process, so its CPU and memory are this
/// process's, on a fresh storage directory that is deleted with it.
/// </summary>
internal sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly DirectoryInfo _storage;

    private InProcessSilo(IHost host, DirectoryInfo storage)
    {
        _host = host;
        _storage = storage;
    }

    public IServiceProvider Services => _host.Services;

    public static async Task<InProcessSilo> StartAsync(string directoryPrefix, Action<IServiceCollection>? services = null)
    {
        var storage = Directory.CreateTempSubdirectory(directoryPrefix);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Storage:Path"] = storage.FullName;
        builder.Configuration["Orleans:SiloPort"] = EmbeddedNode.Port().ToString();
        builder.UseOrleans(silo => silo.AddSessionSilo(builder.Configuration));
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessSilo(host, storage);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _storage.Delete(recursive: true);
    }
}
