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
}
