using SessionService.Api.Gateway;
using SessionService.Api.Gateway.Verification;

namespace SessionService.Tests.Unit.Gateway;

public sealed class VerifiedConsumerTokensTests
{
    private static VerifiedConsumerToken Entry(string key = "k")
    {
        var credential = new GatewayCredential("c", key, "HS256", new GatewayConsumer("p", null, null), new byte[32], null);
        return new(credential, key, double.NaN, double.NaN, GatewayVerdict.Pass(credential));
    }

    [Fact]
    public void Token_IsAdmittedOnItsSecondVerification()
    {
        var cache = new VerifiedConsumerTokens(capacity: 10);

        cache.Verified("t", Entry());
        Assert.False(cache.TryGet("t", out _));
        var second = Entry();
        cache.Verified("t", second);

        Assert.True(cache.TryGet("t", out var held));
        Assert.Same(second, held);
    }

    [Fact]
    public void AdmittedToken_VerifiedAgain_IsReplacedAtOnce()
    {
        var cache = new VerifiedConsumerTokens(capacity: 10);
        cache.Verified("t", Entry());
        cache.Verified("t", Entry());

        var replacement = Entry();
        cache.Verified("t", replacement);

        Assert.True(cache.TryGet("t", out var held));
        Assert.Same(replacement, held);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void FullCache_StartsOver()
    {
        var cache = new VerifiedConsumerTokens(capacity: 3);
        foreach (var token in new[] { "a", "b", "c", "d" })
        {
            cache.Verified(token, Entry());
            cache.Verified(token, Entry());
        }

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("d", out _));
        Assert.False(cache.TryGet("a", out _));
    }
}
