using System.Text;
using SessionService.Grains.Tokens;

namespace SessionService.Tests.Unit;

public sealed class SuccessorSealTests
{
    [Fact]
    public void Open_ReturnsSuccessor_OnlyForThePreviousToken()
    {
        var sealedBytes = SuccessorSeal.Seal("successor-token", "previous-token");

        Assert.Equal("successor-token", SuccessorSeal.Open(sealedBytes, "previous-token"));
        Assert.Null(SuccessorSeal.Open(sealedBytes, "some-other-token"));
        Assert.DoesNotContain("successor-token", Encoding.UTF8.GetString(sealedBytes));
    }

    [Fact]
    public void Open_ReturnsNull_WhenBytesTamperedOrTruncated()
    {
        var sealedBytes = SuccessorSeal.Seal("successor-token", "previous-token");
        var tampered = (byte[])sealedBytes.Clone();
        tampered[^1] ^= 1;

        Assert.Null(SuccessorSeal.Open(tampered, "previous-token"));
        Assert.Null(SuccessorSeal.Open(sealedBytes[..20], "previous-token"));
    }

    /// <summary>A successor sealed by the release before <c>AesGcmSeal</c> existed: a grace window open across an upgrade.</summary>
    [Fact]
    public void Open_ReturnsSuccessor_SealedByEarlierReleases()
    {
        var storedEarlier = Convert.FromHexString(
            "ec93f9255d3ba6dad20f2d816bbf79bb6d518553df5c60317ab2d76b1e15aef8275a20abed9e792391a132aad071cc5248845b");

        Assert.Equal("successor-refresh-token", SuccessorSeal.Open(storedEarlier, "previous-refresh-token"));
        Assert.Null(SuccessorSeal.Open(storedEarlier, "another-refresh-token"));
    }
}
