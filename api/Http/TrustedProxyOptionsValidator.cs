using System.Net;
using Microsoft.Extensions.Options;

namespace SessionService.Api.Http;

/// <summary>Parses the trusted proxies and networks once, and refuses any value that is not an IP address or CIDR network.</summary>
public sealed class TrustedProxyOptionsValidator : IPostConfigureOptions<TrustedProxyOptions>, IValidateOptions<TrustedProxyOptions>
{
    public void PostConfigure(string? name, TrustedProxyOptions options)
    {
        options.Proxies = [.. options.KnownProxies.Select(p => IPAddress.TryParse(p, out var address) ? address : null).OfType<IPAddress>()];
        options.Networks = [.. options.KnownNetworks
            .Select(n => System.Net.IPNetwork.TryParse(n, out var network) ? network : (System.Net.IPNetwork?)null)
            .OfType<System.Net.IPNetwork>()];
    }

    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.KnownProxies.Length; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                errors.Add($"ForwardedHeaders:KnownProxies:{i} ('{options.KnownProxies[i]}') is not an IP address.");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Length; i++)
        {
            if (!System.Net.IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                errors.Add($"ForwardedHeaders:KnownNetworks:{i} ('{options.KnownNetworks[i]}') is not a CIDR network.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
