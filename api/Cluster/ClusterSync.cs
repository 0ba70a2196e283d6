using SessionService.Api.Gateway;
using SessionService.Api.Revocations;
using SessionService.Api.Tokens;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Cluster;

/// <summary>
/// Loads keys, consumer credentials and the whole revocation list before the node serves, subscribes to the cluster's pushes,
/// and on a timer renews the subscription and reloads both (covering any message this node missed).
/// </summary>
public sealed class ClusterSync(
    IGrainFactory grains,
    ApiNodeObserver observer,
    SigningKeys keys,
    ConsumerCredentials credentials,
    RevocationSet revocations,
    RevocationFeed feed,
    TimeProvider clock,
    ILogger<ClusterSync> logger) : IHostedService
{
    public static readonly TimeSpan ResyncInterval = TimeSpan.FromSeconds(30);
    private IApiNodeObserver? _reference;
    private ITimer? _timer;

    public bool IsSynced { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = grains.CreateObjectReference<IApiNodeObserver>(observer);
        await SyncAsync();
        _timer = clock.CreateTimer(_ => _ = ResyncAsync(), null, ResyncInterval, ResyncInterval);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        if (_reference is not null)
        {
            try
            {
                await grains.Grain<IRevocationAuthorityGrain>(RevocationAuthority.Id).UnsubscribeAsync(_reference).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ClusterSyncFailed(logger, e);
            }
        }
    }

    private async Task SyncAsync()
    {
        var broadcast = grains.Grain<IRevocationAuthorityGrain>(RevocationAuthority.Id);
        await broadcast.SubscribeAsync(_reference!);
        await keys.ReloadAsync();
        await credentials.ReloadAsync();
        var live = await broadcast.GetRevocationsAsync();
        revocations.Load(live);
        feed.Add(live);
        IsSynced = true;
    }

    private async Task ResyncAsync()
    {
        try
        {
            await SyncAsync();
        }
        catch (Exception e)
        {
            Log.ClusterSyncFailed(logger, e);
        }
    }
}
