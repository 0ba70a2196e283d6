using SessionService.Api.Http;

namespace SessionService.Tests.Unit;

public sealed class ClientTextUnitTests
{
    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u001b")]
    [InlineData("\u007f")]
    [InlineData("\u009b")]
    [InlineData("\u061c")]
    [InlineData("\u200b")]
    [InlineData("\u200d")]
    [InlineData("\u202e")]
    [InlineData("\u2067")]
    [InlineData("\u2060")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    [InlineData("\ufeff")]
    public void StripHidden_RemovesEachHiddenCharacter(string hidden)
    {
        Assert.True(ClientText.HasHidden("a" + hidden + "b"));
        Assert.Equal("ab", ClientText.StripHidden("a" + hidden + "b"));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0")]
    [InlineData("Zoë ❤️ 電話 🙂")]
    [InlineData("")]
    public void StripHidden_KeepsVisibleText(string text)
    {
        Assert.False(ClientText.HasHidden(text));
        Assert.Same(text, ClientText.StripHidden(text));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("Az09-._~", true)]
    [InlineData("kQ3d_x-2AbCdEfGh", true)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("a%20b", false)]
    [InlineData("é", false)]
    [InlineData("a+b", false)]
    public void IsDeviceId_AllowsOnlyUnreservedCharacters(string device, bool allowed) =>
        Assert.Equal(allowed, ClientText.IsDeviceId(device));

    [Fact]
    public void IsDeviceId_BoundsTheLength()
    {
        Assert.True(ClientText.IsDeviceId(new string('d', ClientText.MaxDeviceLength)));
        Assert.False(ClientText.IsDeviceId(new string('d', ClientText.MaxDeviceLength + 1)));
    }
}
