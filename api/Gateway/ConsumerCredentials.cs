using System.Collections.Frozen;
using SessionService.Grains;
using SessionService.Grains.Consumers;
using SessionService.Grains.Contracts;
using SessionService.Grains.Keys;

namespace SessionService.Api.Gateway;

/// <summary>
/// This node's copy of the consumer directory: credentials by key and consumers by username, so verifying a consumer token calls
/// no grain. Reloaded at start, whenever the directory announces a newer version, and on the periodic resync.
/// </summary>
public sealed class ConsumerCredentials(IGrainFactory grains, KeyProtector protector, ILogger<ConsumerCredentials> logger) : IGatewayCredentials
{
    private volatile Loaded _current = new(-1, FrozenDictionary<string, GatewayCredential>.Empty, FrozenDictionary<string, GatewayConsumer>.Empty);
    private readonly SemaphoreSlim _reloading = new(1, 1);

    public GatewayCredential? FindByKey(string key) =>
        _current.ByKey.TryGetValue(key, out var credential) ? credential : null;

    public GatewayConsumer? FindConsumerByUsername(string username) =>
        _current.ByUsername.TryGetValue(username, out var consumer) ? consumer : null;

    /// <summary>Loads the directory unless this node already holds <paramref name="announced"/> or newer.</summary>
    public async Task ReloadAsync(long? announced = null)
    {
        if (announced is { } version && version <= _current.Version)
        {
            return;
        }

        await _reloading.WaitAsync();
        try
        {
            if (announced is { } again && again <= _current.Version)
            {
                return;
            }

            var snapshot = await grains.Grain<IConsumerDirectoryGrain>(ConsumerDirectory.Id).GetSnapshotAsync();
            if (snapshot.Version != _current.Version)
            {
                _current = new(snapshot.Version, Build(snapshot), snapshot.Consumers
                    .Where(c => c.Username is not null)
                    .ToFrozenDictionary(c => c.Username!, c => new GatewayConsumer(c.Id, c.Username, c.CustomId), StringComparer.Ordinal));
            }
        }
        finally
        {
            _reloading.Release();
        }
    }

    /// <summary>
    /// After this node changed the directory: its own next verification sees the change. The change is
    /// made whatever happens here, so a failed reload is left to the push and the periodic resync.
    /// </summary>
    public async Task ReloadAfterChangeAsync()
    {
        try
        {
            await ReloadAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.ConsumerReloadFailed(logger, e);
        }
    }

    /// <summary>Unchanged credentials keep their instance, so tokens verified with them stay cached.</summary>
    private FrozenDictionary<string, GatewayCredential> Build(CredentialSnapshot snapshot)
    {
        var previous = _current.ByKey;
        return snapshot.Credentials.ToFrozenDictionary(c => c.Key, c =>
        {
            var consumer = new GatewayConsumer(c.ConsumerId, c.Username, c.CustomId);
            if (previous.TryGetValue(c.Key, out var known) && known.Id == c.Id && known.Consumer == consumer)
            {
                return known;
            }

            var secret = c.SealedSecret is { } sealedSecret ? CredentialSecrets.Open(protector, c.Id, sealedSecret) : null;
            return new GatewayCredential(c.Id, c.Key, c.Algorithm, consumer, secret, c.PublicKeyPem);
        }, StringComparer.Ordinal);
    }

    private sealed record Loaded(long Version, FrozenDictionary<string, GatewayCredential> ByKey, FrozenDictionary<string, GatewayConsumer> ByUsername);
}
