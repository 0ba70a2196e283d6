using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SessionService.AspNetCore;

/// <summary>Healthy while the revocation stream is live, degraded while it is down but tokens are still accepted, unhealthy while every token is refused.</summary>
public sealed class SessionTokensHealthCheck(RevocationFeedState feed) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(feed switch
        {
            { RefusesAllTokens: true } => HealthCheckResult.Unhealthy("The revocation feed is not caught up: every token is refused."),
            { IsLive: false } => HealthCheckResult.Degraded($"The revocation stream is down since {feed.DownSince:O}; reconnecting."),
            _ => HealthCheckResult.Healthy($"Following the revocation stream at {feed.Position}."),
        });
}
