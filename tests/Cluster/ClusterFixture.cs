using SessionService.Tests.Support;

namespace SessionService.Tests.Cluster;

/// <summary>One running cluster (grace 30 s) shared by the consistency and boundary tests (each uses its own users).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;
    public HttpClient Node1 { get; private set; } = null!;
    public HttpClient Node2 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await LocalCluster.UpAsync();
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

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
