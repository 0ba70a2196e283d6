namespace SessionService.Api.Http;

/// <summary>The "RateLimit" configuration section: per client IP, on /auth/token and /auth/refresh. Checked by <see cref="RateLimitOptionsValidator"/>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    public bool Enabled { get; set; } = true;
    public int PermitLimit { get; set; } = 30;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
