using System.Net;
using System.Net.Sockets;

namespace SessionService.Silo;

/// <summary>Addresses that are not routed on the public internet: loopback, RFC 1918, shared (CGNAT) and link-local.</summary>
public static class PrivateAddresses
{
    public static bool Contains(IPAddress address)
    {
        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return address.IsIPv6UniqueLocal || address.IsIPv6LinkLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 100 && b[1] is >= 64 and <= 127)
            || (b[0] == 169 && b[1] == 254);
    }
}
