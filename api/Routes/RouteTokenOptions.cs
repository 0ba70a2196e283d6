namespace SessionService.Api.Routes;

/// <summary>The <c>Routes</c> section: limits on route tokens.</summary>
public sealed class RouteTokenOptions
{
    public const string Section = "Routes";

    /// <summary>The longest <c>expires_in</c> a route token may be issued with.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The lifetime when <c>expires_in</c> is absent: a day, or <see cref="MaxLifetime"/> when that is shorter.</summary>
    public long DefaultLifetimeSeconds => Math.Min(86_400, MaxLifetimeSeconds);

    public long MaxLifetimeSeconds => (long)MaxLifetime.TotalSeconds;
}
