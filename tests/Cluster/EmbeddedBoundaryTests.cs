using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using SessionService.Tests.Support;

namespace SessionService.Tests.Cluster;

/// <summary>One embedded node process, started with an Orleans gateway port set (which embedded mode must not open).</summary>
public sealed class EmbeddedNodeWithGatewayPort : IAsyncLifetime
{
    private readonly TempDirectory _storage = new();

    public int GatewayPort { get; } = FreePort.Next();

    public NodeProcess Node { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Node = await NodeProcess.StartAsync(_storage.Path, new Dictionary<string, string> { ["Orleans__GatewayPort"] = GatewayPort.ToString() });

    public Task DisposeAsync()
    {
        Node?.Dispose();
        _storage.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The embedded node (a real process) offers no Orleans port that an outside client can use.</summary>
public sealed class EmbeddedBoundaryTests(EmbeddedNodeWithGatewayPort fixture) : IClassFixture<EmbeddedNodeWithGatewayPort>
{
    private NodeProcess Node => fixture.Node;

    [Fact]
    public async Task OutsideOrleansClient_CannotCallAnyGrain_WhileTheNodeServesLoginAndRefresh()
    {
        var (gatewayPort, node) = (fixture.GatewayPort, Node);

        var throughGatewayPort = await OutsideOrleansClient.TryCallGrainsAsync([new IPEndPoint(IPAddress.Loopback, gatewayPort)]);
        var throughSiloPort = await OutsideOrleansClient.TryCallGrainsAsync([new IPEndPoint(IPAddress.Loopback, node.SiloPort)]);

        Assert.NotNull(throughGatewayPort);
        Assert.NotNull(throughSiloPort);
        using var client = new HttpClient { BaseAddress = node.Address };
        var (name, _) = await client.NewUserAsync();
        var login = await client.LoginOkAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await client.RefreshAsync(login.Str("refresh_token"))).StatusCode);
    }

    [Fact]
    public async Task EmbeddedNode_OpensNoGateway_AndBindsItsSiloPortToLoopbackOnly()
    {
        var (gatewayPort, node) = (fixture.GatewayPort, Node);
        var otherAddresses = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .ToList();

        Assert.False(await AcceptsAsync(IPAddress.Loopback, gatewayPort));
        Assert.True(await AcceptsAsync(IPAddress.Loopback, node.SiloPort));
        Assert.NotEmpty(otherAddresses);
        foreach (var address in otherAddresses)
        {
            Assert.False(await AcceptsAsync(address, node.SiloPort), $"the silo port answers on {address}");
        }
    }

    private static async Task<bool> AcceptsAsync(IPAddress address, int port)
    {
        using var probe = new TcpClient(address.AddressFamily);
        try
        {
            await probe.ConnectAsync(address, port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
