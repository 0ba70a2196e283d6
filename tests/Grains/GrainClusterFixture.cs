using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using SessionService.Tests.Support;

namespace SessionService.Tests.Grains;

/// <summary>One single-silo cluster shared by the grain tests (grace 30 s, at most 3 sessions per user).</summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _storage = new();

    public FakeTimeProvider Clock { get; } = TestClusters.NewClock();
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    public string StoragePath => _storage.Path;

    public async Task InitializeAsync()
    {
        Cluster = TestClusters.Build(1, Clock, _storage.Path);
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _storage.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "grain cluster";
}
