using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Revocations;

namespace SessionService.Tests.Grains;

/// <summary>The revocation authority was once called the broadcast grain; where its state is stored must not move.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class RevocationAuthorityTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task Publish_StoresRevocations_UnderTheGrainTypeAndStateNameOfEarlierReleases()
    {
        var authority = fixture.Grains.GetGrain<IRevocationAuthorityGrain>(RevocationAuthority.Id);
        var entry = new RevocationEntry(RevocationKind.Session, Ids.NewSessionId(), fixture.Clock.GetUtcNow().AddHours(1));

        await authority.PublishAsync([entry]);

        Assert.Equal("broadcast", authority.GetGrainId().Type.ToString());
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions);
        var stored = new GrainState<RevocationAuthorityState>();
        await storage.ReadStateAsync("broadcast", GrainId.Create("broadcast", RevocationAuthority.Id), stored);
        Assert.Contains(entry, stored.State!.Revocations);
    }
}
