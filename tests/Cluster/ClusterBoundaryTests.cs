using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Cluster;

/// <summary>A real 2-silo cluster obeys only grain calls that prove knowledge of Orleans:ClusterSecret.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterBoundaryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task OrleansClientWithoutTheSecret_CannotCallAnyGrain()
    {
        var error = await OutsideOrleansClient.TryCallGrainsAsync(fixture.Cluster.Gateways);

        Assert.NotNull(error);
        await AssertApiNodesWorkAsync();
    }

    [Fact]
    public async Task OrleansClientWithAWrongSecret_CannotCallAnyGrain()
    {
        var error = await OutsideOrleansClient.TryCallGrainsAsync(fixture.Cluster.Gateways, "a-wrong-secret-that-is-also-32-bytes-long");

        Assert.NotNull(error);
        await AssertApiNodesWorkAsync();
    }

    [Fact]
    public async Task OrleansClientWithTheSecret_CanCallGrains()
    {
        // The same client as above, so their refusals come from the missing or wrong secret and nothing else.
        var error = await OutsideOrleansClient.TryCallGrainsAsync(fixture.Cluster.Gateways, fixture.Cluster.ClusterSecret);

        Assert.Null(error);
    }

    private async Task AssertApiNodesWorkAsync()
    {
        var (name, _) = await fixture.Node1.NewUserAsync();
        var login = await fixture.Node1.LoginOkAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Node2.RefreshAsync(login.Str("refresh_token"))).StatusCode);
    }
}
