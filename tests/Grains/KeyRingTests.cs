using SessionService.Grains.Contracts;

namespace SessionService.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class KeyRingTests(GrainClusterFixture fixture)
{
    private IKeyRingGrain NewRing() => fixture.Grains.GetGrain<IKeyRingGrain>("ring-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("ES512")]
    [InlineData("RS256")]
    [InlineData("PS512")]
    public async Task GetOrRotateKeys_CreatesOneKeyOfTheAlgorithm_AndKeepsIt(string algorithm)
    {
        var ring = NewRing();

        var first = await ring.GetOrRotateKeysAsync(algorithm);
        var second = await ring.GetOrRotateKeysAsync(algorithm);

        var key = Assert.Single(first);
        Assert.Equal(algorithm, key.Algorithm);
        Assert.Null(key.RetiredAt);
        Assert.Equal(key.KeyId, Assert.Single(second).KeyId);
    }

    [Fact]
    public async Task GetOrRotateKeys_RotatesAutomatically_WhenActiveKeyIsOlderThanInterval()
    {
        var ring = NewRing();
        var original = Assert.Single(await ring.GetOrRotateKeysAsync("ES256"));

        fixture.Clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(original.KeyId, Assert.Single(await ring.GetOrRotateKeysAsync("ES256")).KeyId);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var rotated = await ring.GetOrRotateKeysAsync("ES256");

        Assert.Equal(2, rotated.Length);
        Assert.NotEqual(original.KeyId, rotated[0].KeyId);
        Assert.Null(rotated[0].RetiredAt);
        Assert.Equal(original.KeyId, rotated[1].KeyId);
        Assert.NotNull(rotated[1].RetiredAt);
    }

    [Fact]
    public async Task RetiredKey_IsDropped_OnceEveryTokenItSignedHasExpired_ServiceTokensIncluded()
    {
        var ring = NewRing();
        var original = Assert.Single(await ring.GetOrRotateKeysAsync("ES256"));
        await ring.RotateAsync("ES256");

        // A service token lives up to 24 h, longer than an access token: the key stays for that plus the clock skew.
        fixture.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(29));
        Assert.Contains(await ring.GetOrRotateKeysAsync("ES256"), k => k.KeyId == original.KeyId);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        var keys = await ring.GetOrRotateKeysAsync("ES256");
        Assert.DoesNotContain(keys, k => k.KeyId == original.KeyId);
        Assert.Single(keys);
    }
}
