using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Tests.Support;

namespace SessionService.Tests.Grains;

/// <summary>The cached references name the same grain, through the same interface, as Orleans' own GetGrain.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class GrainReferencesTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public void StringKeys_NameTheSameGrainAsGetGrain_BeforeAndAfterTheTypesAreKnown()
    {
        foreach (var key in new[] { Ids.NewUserId(), Ids.NewUserId(), "ÄÖ mixed Case key" })
        {
            AssertSame(Grains.GetGrain<IUserGrain>(key), Grains.Grain<IUserGrain>(key));
            AssertSame(Grains.GetGrain<IUsernameGrain>(key), Grains.Grain<IUsernameGrain>(key));
        }

        Assert.NotEqual(Grains.Grain<IUserGrain>("a").GetGrainId(), Grains.Grain<IUserGrain>("b").GetGrainId());
        Assert.NotEqual(Grains.Grain<IUserGrain>("a").GetGrainId(), Grains.Grain<IUsernameGrain>("a").GetGrainId());
    }

    [Fact]
    public void IntegerKeys_NameTheSameGrainAsGetGrain_BeforeAndAfterTheTypesAreKnown()
    {
        foreach (var key in new long[] { 7, -1, long.MaxValue })
        {
            AssertSame(Grains.GetGrain<IUserNumberGrain>(key), Grains.Grain<IUserNumberGrain>(key));
        }

        Assert.NotEqual(Grains.Grain<IUserNumberGrain>(1).GetGrainId(), Grains.Grain<IUserNumberGrain>(2).GetGrainId());
    }

    [Fact]
    public async Task CachedReference_ReachesTheGrain()
    {
        var user = await GrainUsers.CreateAsync(fixture.Grains);
        var again = Grains.Grain<IUserGrain>(user.GetPrimaryKeyString());

        Assert.Equal((await user.GetProfileAsync())!.Username, (await again.GetProfileAsync())!.Username);
    }

    private static void AssertSame(IAddressable expected, IAddressable actual)
    {
        Assert.Equal(expected.GetGrainId(), actual.GetGrainId());
        Assert.Equal(((GrainReference)expected).InterfaceType, ((GrainReference)actual).InterfaceType);
        Assert.Equal(expected.GetType(), actual.GetType());
    }
}
