using SessionService.Tests.Support;

namespace SessionService.Tests.Cluster;

/// <summary>One running cluster (grace 30 s) shared by the consistency tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The cluster secret every silo and API node of this cluster is given.</summary>
    public const string ClusterSecret = "cluster-fixture-secret-of-at-least-32-bytes";

    public LocalCluster Cluster { get; private set; } = null!;
    public HttpClient Node1 { get; private set; } = null!;
    public HttpClient Node2 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await LocalCluster.UpAsync(new Dictionary<string, string> { ["Orleans__ClusterSecret"] = ClusterSecret });
        Node1 = Cluster.ClientFor(Cluster.Api1);
        Node2 = Cluster.ClientFor(Cluster.Api2);
    }

    public async Task DisposeAsync()
    {
        Node1.Dispose();
        Node2.Dispose();
        await Cluster.DisposeAsync();
    }
}
