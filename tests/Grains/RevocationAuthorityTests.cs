using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Revocations;

namespace SessionService.Tests.Grains;

/// <summary>
/// The revocation authority was once called the broadcast grain; where its state is stored must not move. It
/// numbers every entry it accepts from one stored sequence, which resource servers resume the feed from.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class RevocationAuthorityTests(GrainClusterFixture fixture)
{
    private IRevocationAuthorityGrain Authority => fixture.Grains.GetGrain<IRevocationAuthorityGrain>(RevocationAuthority.Id);

    [Fact]
    public async Task Publish_StoresRevocations_UnderTheGrainTypeAndStateNameOfEarlierReleases()
    {
        var entry = Session();

        await Authority.PublishAsync([entry]);

        Assert.Equal("broadcast", Authority.GetGrainId().Type.ToString());
        var stored = await StoredAsync();
        var kept = Assert.Single(stored.Revocations, e => e.SubjectId == entry.SubjectId);
        Assert.Equal(entry with { Sequence = kept.Sequence }, kept);
        Assert.True(kept.Sequence > 0);
        Assert.True(stored.LastSequence >= kept.Sequence);
    }

    [Fact]
    public async Task Publish_NumbersEachNewEntryInOrder_AndARepeatedEntryKeepsItsFirstNumber()
    {
        var (first, second) = (Session(), Session());

        await Authority.PublishAsync([first, second]);
        await Authority.PublishAsync([first with { ExpiresAt = first.ExpiresAt.AddMinutes(5) }]);

        var live = await Authority.GetRevocationsAsync();
        var one = Assert.Single(live, e => e.SubjectId == first.SubjectId);
        var two = Assert.Single(live, e => e.SubjectId == second.SubjectId);
        Assert.Equal(one.Sequence + 1, two.Sequence);
        Assert.Equal(first.ExpiresAt.AddMinutes(5), one.ExpiresAt);
        Assert.Equal(two.Sequence, live.Max(e => e.Sequence));
    }

    [Fact]
    public async Task Sequence_ContinuesFromItsStoredValue_WhenTheAuthorityIsActivatedAgain()
    {
        var before = Session();
        await Authority.PublishAsync([before]);
        var beforeNumber = Assert.Single(await Authority.GetRevocationsAsync(), e => e.SubjectId == before.SubjectId).Sequence;

        await fixture.Cluster.DeactivateAsync(Authority);
        var after = Session();
        await Authority.PublishAsync([after, before]);

        var live = await Authority.GetRevocationsAsync();
        Assert.Equal(beforeNumber, Assert.Single(live, e => e.SubjectId == before.SubjectId).Sequence);
        Assert.True(Assert.Single(live, e => e.SubjectId == after.SubjectId).Sequence > beforeNumber);
    }

    [Fact]
    public async Task UnblockAfterBlock_ReplacesTheBlock_WithAHigherNumber()
    {
        var userId = Ids.NewUserId();
        var expires = fixture.Clock.GetUtcNow().AddHours(1);

        await Authority.PublishAsync([new RevocationEntry(RevocationKind.UserBlocked, userId, expires)]);
        var blocked = Assert.Single(await Authority.GetRevocationsAsync(), e => e.SubjectId == userId);
        await Authority.PublishAsync([new RevocationEntry(RevocationKind.UserUnblocked, userId, expires)]);

        var unblocked = Assert.Single(await Authority.GetRevocationsAsync(), e => e.SubjectId == userId);
        Assert.Equal(RevocationKind.UserUnblocked, unblocked.Kind);
        Assert.True(unblocked.Sequence > blocked.Sequence);
    }

    private RevocationEntry Session() =>
        new(RevocationKind.Session, Ids.NewSessionId(), fixture.Clock.GetUtcNow().AddHours(1));

    private async Task<RevocationAuthorityState> StoredAsync()
    {
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions);
        var stored = new GrainState<RevocationAuthorityState>();
        await storage.ReadStateAsync("broadcast", GrainId.Create("broadcast", RevocationAuthority.Id), stored);
        return stored.State!;
    }
}
