using Microsoft.Extensions.Diagnostics.HealthChecks;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Cluster;

/// <summary>Ready while this node has synced with the cluster and the cluster answers a grain call.</summary>
public sealed class ClusterReadyCheck(IGrainFactory grains, ClusterSync sync) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!sync.IsSynced)
        {
            return HealthCheckResult.Unhealthy("Not yet synced with the cluster.");
        }

        try
        {
            await grains.Grain<IRevocationAuthorityGrain>(RevocationAuthority.Id).PingAsync().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The cluster did not answer.", e);
        }
    }
}
