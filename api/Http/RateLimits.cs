using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SessionService.Grains;

namespace SessionService.Api.Http;

/// <summary>The rate limit of the token endpoints, as <see cref="RateLimitOptions"/> say.</summary>
public static class RateLimits
{
    public const string TokenEndpoints = "token-endpoints";

    public static IServiceCollection AddTokenEndpointRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(TokenEndpoints, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return options.Enabled
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        ClientPartition.Of(http.Connection.RemoteIpAddress),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitLimit, Window = options.Window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("off");
            });
            limiter.OnRejected = (context, _) => new ValueTask(ErrorResponses.WriteAsync(context.HttpContext, new ApiError(
                StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many requests; slow down.",
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1))));
        });
}
