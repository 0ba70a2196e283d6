using System.Net;
using System.Net.Sockets;

namespace SessionService.Grains.Users;

/// <summary>
/// Where failed logins are counted. One client address (an IPv6 client by its /64, since one host gets a
/// whole /64) is one source; a caller proven to hold a live session of the user is that session, and a
/// trusted source keeps its own counter however many others there are.
/// </summary>
public sealed record LoginSource(string Key, bool Trusted)
{
    public static LoginSource OfAddress(string? ip, IReadOnlyCollection<string> familiar)
    {
        var key = AddressKey(ip);
        return new LoginSource(key, familiar.Contains(key));
    }

    public static LoginSource OfSession(string sessionId) => new("session:" + sessionId, Trusted: true);

    /// <summary>IPv4 (also IPv4-mapped IPv6) by address, IPv6 by its /64, anything else as one unknown source.</summary>
    public static string AddressKey(string? ip)
    {
        if (!IPAddress.TryParse(ip, out var address))
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

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
