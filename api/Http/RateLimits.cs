using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace SessionService.Api.Http;

/// <summary>The "RateLimit" configuration section: per client IP, on /auth/token and /auth/refresh.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    public bool Enabled { get; set; } = true;
    public int PermitLimit { get; set; } = 30;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public static class RateLimits
{
    public const string TokenEndpoints = "token-endpoints";

    public static IServiceCollection AddTokenEndpointRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.PermitLimit >= 1, "RateLimit:PermitLimit must be at least 1.")
            .Validate(o => o.Window > TimeSpan.Zero, "RateLimit:Window must be positive.")
            .ValidateOnStart();

        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(TokenEndpoints, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return options.Enabled
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitLimit, Window = options.Window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("off");
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = Problems.Details(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many requests; slow down."),
                });
            };
        });
    }
}
