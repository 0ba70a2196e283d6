using System.Collections.Immutable;
using SessionService.Api.Gateway;
using SessionService.Api.Revocations;
using SessionService.Api.Telemetry;
using SessionService.Api.Tokens;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Cluster;

/// <summary>This node's ear on the cluster: revocations go into the local set, key and consumer changes reload them.</summary>
public sealed class ApiNodeObserver(
    RevocationSet revocations, RevocationFeed feed, SigningKeys keys, ConsumerCredentials credentials, TimeProvider wallClock, ILogger<ApiNodeObserver> logger) : IApiNodeObserver
{
    public Task OnRevoked(ImmutableArray<RevocationEntry> entries)
    {
        revocations.Apply(entries);
        feed.Add(entries);
        var applied = wallClock.GetUtcNow();
        foreach (var entry in entries)
        {
            if (entry.PublishedAt is { } published)
            {
                ApiMetrics.RecordRevocationLag(applied - published);
            }
        }

        return Task.CompletedTask;
    }

    public async Task OnKeysChanged()
    {
        try
        {
            await keys.ReloadAsync();
        }
        catch (Exception e)
        {
            // The periodic resync retries; keep the keys this node has meanwhile.
            Log.KeyReloadFailed(logger, e);
        }
    }

    public async Task OnConsumersChanged(long version)
    {
        try
        {
            await credentials.ReloadAsync(version);
        }
        catch (Exception e)
        {
            // The periodic resync retries; keep the credentials this node has meanwhile.
            Log.ConsumerReloadFailed(logger, e);
        }
    }
}
