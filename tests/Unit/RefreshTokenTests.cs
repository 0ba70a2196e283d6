using System.Security.Cryptography;
using SessionService.Grains;
using SessionService.Grains.Tokens;

namespace SessionService.Tests.Unit;

public sealed class RefreshTokenTests
{
    private static readonly byte[] LineageKey = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Mint_MakesParseableTokens_WithFreshSecrets()
    {
        var userId = Ids.NewUserId();
        var sessionId = Ids.NewSessionId();

        var a = RefreshToken.Mint(userId, sessionId, 7, LineageKey);
        var b = RefreshToken.Mint(userId, sessionId, 7, LineageKey);

        Assert.NotEqual(a, b);
        Assert.True(RefreshToken.TryParse(a, out var parsed));
        Assert.Equal(userId, parsed.UserId);
        Assert.Equal(sessionId, parsed.SessionId);
        Assert.Equal(7, parsed.Generation);
        Assert.True(parsed.HasValidTag(LineageKey));
        Assert.False(parsed.HasValidTag(RandomNumberGenerator.GetBytes(32)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a.b.c.d.e")]
    [InlineData("0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef.0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef.-1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("0123456789ABCDEF0123456789abcdef.0123456789abcdef0123456789abcdef.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef.1.AAAA.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.x")]
    [InlineData("0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/.AAAAAAAAAAAAAAAAAAAAAA")]
    public void TryParse_Refuses_MalformedTokens(string? token)
    {
        Assert.False(RefreshToken.TryParse(token, out _));
    }

    [Fact]
    public void TryParse_Refuses_OverlongTokens()
    {
        var token = RefreshToken.Mint(Ids.NewUserId(), Ids.NewSessionId(), 1, LineageKey);

        Assert.False(RefreshToken.TryParse(token + new string('A', RefreshToken.MaxLength), out _));
    }

    [Fact]
    public void Hash_IsSha256OfTheWholeToken()
    {
        var token = RefreshToken.Mint(Ids.NewUserId(), Ids.NewSessionId(), 1, LineageKey);

        Assert.Equal(32, RefreshToken.Hash(token).Length);
        Assert.Equal(RefreshToken.Hash(token), RefreshToken.Hash(token));
        Assert.NotEqual(RefreshToken.Hash(token), RefreshToken.Hash(token + "x"));
    }
}
