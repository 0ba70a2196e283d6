using System.Net;
using System.Net.Sockets;

namespace SessionService.Tests.Support;

public static class FreePort
{
    private const int First = 20_000;

    /// <summary>Ports at or above this are in Linux's ephemeral range (32768-60999).</summary>
    private const int EphemeralStart = 32_768;

    /// <summary>
    /// A loopback port nothing listens on, below the ephemeral range: a port the kernel hands out for
    /// outgoing connections could be taken by one between this check and the process binding it.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            var port = Random.Shared.Next(First, EphemeralStart);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }
}
