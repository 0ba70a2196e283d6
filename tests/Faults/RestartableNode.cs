using SessionService.Tests.Support;

namespace SessionService.Tests.Faults;

/// <summary>An embedded node process that can be killed (SIGKILL) and started again over the same storage.</summary>
public sealed class RestartableNode(string storagePath) : IDisposable
{
    private NodeProcess? _node;

    public Uri Address => _node!.Address;

    public async Task StartAsync() => _node = await NodeProcess.StartAsync(storagePath);

    /// <summary>kill -9: nothing that was not on disk yet survives.</summary>
    public void Kill()
    {
        _node?.Kill();
        _node?.Dispose();
        _node = null;
    }

    /// <summary>Killed and started again, so the only state left is what the storage holds; returns the new address.</summary>
    public async Task<IReadOnlyList<Uri>> RestartFromStorageAsync()
    {
        Kill();
        await StartAsync();
        return [Address];
    }

    public void Dispose() => Kill();
}
