using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace SessionService.Silo;

/// <summary>Completes <see cref="SiloOptions"/> (the advertised address) and refuses a mode or value the silo cannot run with.</summary>
public sealed class SiloOptionsValidator : IPostConfigureOptions<SiloOptions>, IValidateOptions<SiloOptions>
{
    public const int MinimumSecretBytes = 32;

    public void PostConfigure(string? name, SiloOptions options)
    {
        if (options.IsEmbedded)
        {
            return;
        }

        options.AdvertisedAddress = options.AdvertisedHost is { Length: > 0 } host
            ? Resolve(host)
            : IPAddress.TryParse(options.AdvertisedIP, out var address) ? address : null;
    }

    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var errors = new List<string>();
        if (options.Mode is not (SiloOptions.EmbeddedMode or SiloOptions.PostgresMode))
        {
            errors.Add($"Orleans:Mode must be '{SiloOptions.EmbeddedMode}' or '{SiloOptions.PostgresMode}' (got '{options.Mode}').");
        }

        // Orleans scans for idle grains once a minute and needs the age to exceed that.
        if (options.IdleGrainAge <= TimeSpan.FromMinutes(1))
        {
            errors.Add($"Orleans:IdleGrainAge must be longer than one minute (got {options.IdleGrainAge}).");
        }

        if (options.Mode == SiloOptions.PostgresMode)
        {
            if (string.IsNullOrEmpty(options.PostgresConnectionString))
            {
                errors.Add($"ConnectionStrings:{SiloOptions.ConnectionStringName} must be set when Orleans:Mode is '{SiloOptions.PostgresMode}'.");
            }

            if (string.IsNullOrEmpty(options.ClusterSecret))
            {
                errors.Add($"Orleans:ClusterSecret must be set (the same on every silo and API node) when Orleans:Mode is '{SiloOptions.PostgresMode}'.");
            }
            else if (Encoding.UTF8.GetByteCount(options.ClusterSecret) < MinimumSecretBytes)
            {
                errors.Add($"Orleans:ClusterSecret must be at least {MinimumSecretBytes} bytes.");
            }

            var key = options.AdvertisedHost is { Length: > 0 } ? "Orleans:AdvertisedHost" : "Orleans:AdvertisedIP";
            if (options.AdvertisedAddress is null)
            {
                errors.Add(options.AdvertisedHost is { Length: > 0 } host
                    ? $"Orleans:AdvertisedHost ('{host}') does not resolve to an IPv4 address."
                    : $"Orleans:AdvertisedIP ('{options.AdvertisedIP}') is not an IP address.");
            }
            else if (!options.AllowPublicAddress && !PrivateAddresses.Contains(options.AdvertisedAddress))
            {
                errors.Add($"{key} ({options.AdvertisedAddress}) is a public address: silo ports are unencrypted and must stay on a "
                    + "private network; use a private address, or set Orleans:AllowPublicAddress=true behind a firewall or mTLS.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IPAddress? Resolve(string host)
    {
        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
