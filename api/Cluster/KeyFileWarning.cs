using Microsoft.Extensions.Options;
using SessionService.Grains;
using SessionService.Silo;

namespace SessionService.Api.Cluster;

/// <summary>
/// Says at start when the key-encryption key is a file in the data directory (embedded mode without
/// <c>Auth:KeyEncryptionSecret</c>): then one copy of that directory (a backup, a snapshot) opens every sealed key.
/// </summary>
public sealed class KeyFileWarning(IOptions<AuthOptions> auth, IOptions<StorageOptions> storage, ILogger<KeyFileWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (KeyEncryption.KeyFilePath(auth.Value, storage.Value) is { } path)
        {
            Log.KeyEncryptionKeyInDataDirectory(logger, path);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
