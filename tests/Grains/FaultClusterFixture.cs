using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using SessionService.Tests.Support;

namespace SessionService.Tests.Grains;

/// <summary>A single-silo cluster whose storage and revocation authority the tests can make fail.</summary>
public sealed class FaultClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _storage = new();

    public FakeTimeProvider Clock { get; } = TestClusters.NewClock();
    public StorageFaults Storage { get; } = new();
    public PublishFaults Publish { get; } = new();
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Cluster = TestClusters.Build(1, Clock, _storage.Path, configure: silo =>
        {
            Storage.DecorateSessionStorage(silo.Services);
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(Publish);
        });
        await Cluster.DeployAsync();
    }

    /// <summary>Every idle activation leaves memory, so the next call reads what storage holds.</summary>
    public Task CollectActivationsAsync() => Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _storage.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class FaultClusterCollection : ICollectionFixture<FaultClusterFixture>
{
    public const string Name = "fault cluster";
}
