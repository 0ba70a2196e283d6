using System.Net;
using System.Net.Sockets;

namespace SessionService.Grains;

/// <summary>
/// Which client a request counts against, for rate limits and for lockouts. IPv4: the address. IPv6: its /64, because one
/// subscriber is routinely handed a whole /64 and could otherwise rotate through addresses for free.
/// IPv4-mapped IPv6 addresses (a dual-stack socket's view of an IPv4 client) count as the IPv4 address.
/// </summary>
public static class ClientPartition
{
    public static string Of(string? address) => Of(IPAddress.TryParse(address, out var parsed) ? parsed : null);

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var prefix = address.GetAddressBytes()[..8];
        return Convert.ToHexString(prefix) + "/64";
    }
}
