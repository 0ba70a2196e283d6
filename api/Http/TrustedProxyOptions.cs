using System.Net;

namespace SessionService.Api.Http;

/// <summary>
/// The "ForwardedHeaders" configuration section: the proxies whose X-Forwarded-For/Proto are believed;
/// none (the default) believes none. Parsed and checked by <see cref="TrustedProxyOptionsValidator"/>.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>IP addresses of trusted proxies.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR) of trusted proxies.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary><see cref="KnownProxies"/> parsed, when the options are built.</summary>
    public IReadOnlyList<IPAddress> Proxies { get; internal set; } = [];

    /// <summary><see cref="KnownNetworks"/> parsed, when the options are built.</summary>
    public IReadOnlyList<System.Net.IPNetwork> Networks { get; internal set; } = [];

    public bool TrustsAny => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}
