using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SessionService.Api.Compat.WordPress;
using SessionService.Grains;
using SessionService.Grains.Tokens;

namespace SessionService.Tests.Unit.Compat;

public sealed class WordPressUnitTests
{
    private static readonly byte[] LineageKey = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Mint_IsTheNumberAnd64LowercaseHex_WithAValidTag()
    {
        var token = WordPressRefreshToken.Mint(42, LineageKey);

        Assert.Matches("^42\\.[0-9a-f]{64}$", token);
        Assert.True(WordPressRefreshToken.TryParse(token, out var parsed));
        Assert.Equal(42, parsed.UserNumber);
        Assert.True(parsed.HasValidTag(LineageKey));
        Assert.False(parsed.HasValidTag(RandomNumberGenerator.GetBytes(32)));
    }

    [Theory]
    [InlineData("7.abc", 7)]
    [InlineData("7abc.abc", 7)]
    [InlineData(" 12.abc", 12)]
    [InlineData("+3.abc", 3)]
    [InlineData("99999999999999999999.abc", long.MaxValue)]
    public void Parse_ReadsTheNumberAsPhpIntval(string token, long number)
    {
        Assert.True(WordPressRefreshToken.TryParse(token, out var parsed));
        Assert.Equal(number, parsed.UserNumber);
        Assert.Equal($"{number}.abc", parsed.Canonical);
    }

    [Theory]
    [InlineData("abc.def")]
    [InlineData("0.def")]
    [InlineData("-4.def")]
    [InlineData("7.")]
    [InlineData("7")]
    [InlineData("7.a.b")]
    [InlineData("")]
    public void Parse_RefusesWhatThePluginCallsMalformed(string token) =>
        Assert.False(WordPressRefreshToken.TryParse(token, out _));

    [Fact]
    public void Tag_OfAFlippedSecret_OrTheWrongLength_IsNotValid()
    {
        var token = WordPressRefreshToken.Mint(5, LineageKey);
        var secret = token.Split('.')[1];
        var flipped = secret[..10] + (secret[10] == 'a' ? 'b' : 'a') + secret[11..];

        Assert.True(WordPressRefreshToken.TryParse("5." + flipped, out var parsed));
        Assert.False(parsed.HasValidTag(LineageKey));
        Assert.True(WordPressRefreshToken.TryParse("5." + secret[..62], out var shortened));
        Assert.False(shortened.HasValidTag(LineageKey));
        Assert.True(WordPressRefreshToken.TryParse("5." + secret.ToUpperInvariant(), out var upper));
        Assert.False(upper.HasValidTag(LineageKey));
    }

    [Theory]
    [InlineData(null, "wp~")]
    [InlineData("", "wp~")]
    [InlineData("0", "wp~")]
    [InlineData("Phone", "wp~Phone")]
    public void DeviceId_OfASlot_KeepsAValidKeyVerbatim(string? device, string id) =>
        Assert.Equal(id, WordPressDevices.DeviceId(WordPressDevices.SlotKey(device)));

    [Fact]
    public void DeviceId_OfAKeyThatIsNoDeviceId_IsAStableHash()
    {
        var id = WordPressDevices.DeviceId("Pixel 8 / Ünïcode");

        Assert.Matches("^wp_[0-9a-f]{40}$", id);
        Assert.Equal(id, WordPressDevices.DeviceId("Pixel 8 / Ünïcode"));
        Assert.NotEqual(id, WordPressDevices.DeviceId("Pixel 8 / Unicode"));
    }

    [Theory]
    [InlineData(null, "session-service", true)]
    [InlineData("https://blog.example.com", "https://blog.example.com", true)]
    [InlineData("https://blog.example.com/", "https://blog.example.com", true)]
    [InlineData("https://blog.example.com", "https://other.example.com", false)]
    [InlineData("blog.example.com", "blog.example.com", false)]
    [InlineData("ftp://blog.example.com", "ftp://blog.example.com", false)]
    [InlineData("https://blog.example.com/?p=1", "https://blog.example.com/?p=1", false)]
    public void SiteUrl_MustBeAnHttpUrl_EqualToTheIssuer(string? site, string issuer, bool valid)
    {
        var validator = new WordPressOptionsValidator(Options.Create(new AuthOptions { Issuer = issuer }));

        var result = validator.Validate(null, new WordPressOptions { SiteUrl = site });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Compat:WordPress:SiteUrl", result.FailureMessage);
        }
    }
}
