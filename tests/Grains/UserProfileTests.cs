using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SessionService.Grains.Users;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Tests.Support;
using static SessionService.Tests.Support.GrainUsers;

namespace SessionService.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class UserProfileTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Numbers_AreUnique_WhenUsersAreCreatedInParallel()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => CreateAsync(Grains))));

        var numbers = await Task.WhenAll(users.Select(async u => (await u.GetProfileAsync())!.Number));

        Assert.All(numbers, n => Assert.True(n > 0));
        Assert.Equal(numbers.Length, numbers.Distinct().Count());
        foreach (var (user, number) in users.Zip(numbers))
        {
            Assert.Equal(user.GetPrimaryKeyString(), await Grains.GetGrain<IUserNumberGrain>(number!.Value).GetHolderAsync());
        }
    }

    [Fact]
    public async Task Number_SurvivesDeactivation_AndTheSequenceNeverHandsItOutAgain()
    {
        var user = await CreateAsync(Grains);
        var number = (await user.GetProfileAsync())!.Number;

        await fixture.Cluster.DeactivateAsync(user);
        await fixture.Cluster.DeactivateAsync(Grains.GetGrain<IUserNumberSequenceGrain>(IUserNumberSequenceGrain.Id));

        Assert.Equal(number, (await user.GetProfileAsync())!.Number);
        var next = await CreateAsync(Grains);
        Assert.True((await next.GetProfileAsync())!.Number > number);
    }

    [Fact]
    public async Task SkipPast_MovesTheSequenceForward_AcrossDeactivation_AndNeverBack()
    {
        var sequence = Grains.GetGrain<IUserNumberSequenceGrain>(IUserNumberSequenceGrain.Id);
        var target = await sequence.NextAsync() + 1_000;

        await sequence.SkipPastAsync(target);
        var afterSkip = await sequence.NextAsync();
        await sequence.SkipPastAsync(target - 500);
        var afterSkipBack = await sequence.NextAsync();
        await sequence.SkipPastAsync(target + 5_000);
        await fixture.Cluster.DeactivateAsync(sequence);
        var afterDeactivation = await sequence.NextAsync();

        Assert.Equal(target + 1, afterSkip);
        Assert.Equal(target + 2, afterSkipBack);
        Assert.Equal(target + 5_001, afterDeactivation);
    }

    [Fact]
    public async Task Highest_CoversEveryNumberHandedOutOrSkippedPast_AcrossDeactivation_AndNeverGoesBack()
    {
        var sequence = Grains.GetGrain<IUserNumberSequenceGrain>(IUserNumberSequenceGrain.Id);
        var handedOut = await sequence.NextAsync();
        var highest = await sequence.GetHighestAsync();

        await sequence.SkipPastAsync(highest + 10_000);
        await fixture.Cluster.DeactivateAsync(sequence);
        var afterSkip = await sequence.GetHighestAsync();
        await sequence.SkipPastAsync(highest + 5);
        var afterSkipBack = await sequence.GetHighestAsync();

        Assert.InRange(highest, handedOut, handedOut + UserNumberSequenceGrain.BatchSize - 1);
        Assert.Equal(highest + 10_000, afterSkip);
        Assert.Equal(highest + 10_000, afterSkipBack);
    }

    [Fact]
    public async Task ExplicitNumber_IsKept_AndTheSequenceSkipsIt()
    {
        var sequenceNext = await Grains.GetGrain<IUserNumberSequenceGrain>(IUserNumberSequenceGrain.Id).NextAsync() + 1;
        var id = Ids.NewUserId();
        Assert.True(await Grains.GetGrain<IUserNumberGrain>(sequenceNext).TryClaimAsync(id));
        Assert.False(await Grains.GetGrain<IUserNumberGrain>(sequenceNext).TryClaimAsync(Ids.NewUserId()));
        var imported = Grains.GetGrain<IUserGrain>(id);
        await imported.CreateAsync(new NewUser("imported-" + id[..8], "hash", []) { Number = sequenceNext });

        var other = await CreateAsync(Grains);

        Assert.Equal(sequenceNext, (await imported.GetProfileAsync())!.Number);
        Assert.NotEqual(sequenceNext, (await other.GetProfileAsync())!.Number);
    }

    [Fact]
    public async Task Patch_LeavesAbsentFieldsAlone_ClearsNulls_AndReplacesClaims()
    {
        var user = await CreateAsync(Grains);
        await user.PatchAsync(new UserPatch
        {
            Email = new("a@example.com"),
            DisplayName = new("Ann"),
            Claims = new(ImmutableSortedDictionary.CreateRange(new Dictionary<string, string> { ["tenant"] = "\"acme\"", ["level"] = "3" })),
        });

        var after = await user.PatchAsync(new UserPatch { DisplayName = new(null), FirstName = new("Ann"), Claims = new(ImmutableSortedDictionary.CreateRange(new Dictionary<string, string> { ["level"] = "4" })) });

        Assert.Equal(new UserProfile("a@example.com", null, "Ann", null), after!.Profile);
        Assert.Equal("4", Assert.Single(after.Claims).Value);
        await fixture.Cluster.DeactivateAsync(user);
        var reloaded = (await user.GetProfileAsync())!;
        Assert.Equal(after.Profile, reloaded.Profile);
        Assert.Equal(after.Claims, reloaded.Claims);
        Assert.Empty((await user.PatchAsync(new UserPatch { Claims = new(null) }))!.Claims);
        Assert.Equal("a@example.com", (await user.GetProfileAsync())!.Profile.Email);
    }

    [Fact]
    public async Task IssuedSessions_CarryTheProfileAndClaims_SoRefreshNeedsNoOtherCall()
    {
        var user = await CreateAsync(Grains);
        await user.PatchAsync(new UserPatch { Email = new("b@example.com"), Claims = new(ImmutableSortedDictionary.CreateRange(new Dictionary<string, string> { ["tenant"] = "\"acme\"" })) });

        var session = await LoginOkAsync(user);
        var refreshed = (await user.RefreshAsync(session.RefreshToken, Client))!.Session!;

        Assert.Equal("b@example.com", refreshed.User.Profile.Email);
        Assert.Equal("\"acme\"", refreshed.User.Claims["tenant"]);
        Assert.NotNull(refreshed.User.Number);
    }

    [Fact]
    public async Task AUserStoredWithoutANumber_GetsOneOnItsFirstRead_AndKeepsIt()
    {
        var user = await CreateAsync(Grains);
        await fixture.Cluster.DeactivateAsync(user);
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions);
        var stored = new GrainState<UserState>();
        await storage.ReadStateAsync("user", user.GetGrainId(), stored);
        stored.State = stored.State! with { Number = null };
        await storage.WriteStateAsync("user", user.GetGrainId(), stored);

        var given = (await user.GetProfileAsync())!.Number;
        await fixture.Cluster.DeactivateAsync(user);

        Assert.NotNull(given);
        Assert.Equal(given, (await user.GetProfileAsync())!.Number);
        Assert.Equal(user.GetPrimaryKeyString(), await Grains.GetGrain<IUserNumberGrain>(given!.Value).GetHolderAsync());
    }

    [Fact]
    public async Task Patch_OfAMissingUser_IsNull() =>
        Assert.Null(await Grains.GetGrain<IUserGrain>(Ids.NewUserId()).PatchAsync(new UserPatch { Email = new("x@example.com") }));
}
