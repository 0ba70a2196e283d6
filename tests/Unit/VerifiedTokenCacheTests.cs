using System.Text.Json;
using SessionService.Api.Tokens;

namespace SessionService.Tests.Unit;

public sealed class VerifiedTokenCacheTests
{
    [Fact]
    public void Token_IsCachedOnItsSecondVerification_NotItsFirst()
    {
        var cache = new VerifiedTokenCache<AccessTokenIdentity>(capacity: 100);

        cache.Verified("token-a", Identity("token-a"));
        Assert.False(cache.TryGet("token-a", out _));

        var second = Identity("token-a");
        cache.Verified("token-a", second);
        Assert.True(cache.TryGet("token-a", out var cached));
        Assert.Same(second, cached);
        Assert.False(cache.TryGet("token-b", out _));
    }

    [Fact]
    public void Cache_StartsOver_WhenAddingToAFullCache()
    {
        var cache = new VerifiedTokenCache<AccessTokenIdentity>(capacity: 100);
        var tokens = Enumerable.Range(0, 101).Select(i => $"token-{i}").ToList();
        foreach (var token in tokens.Take(100))
        {
            VerifyTwice(cache, token);
        }

        Assert.Equal(100, cache.Count);
        Assert.All(tokens.Take(100), t => Assert.True(cache.TryGet(t, out _)));

        VerifyTwice(cache, tokens[100]);
        Assert.Equal(1, cache.Count);
        Assert.False(cache.TryGet(tokens[0], out _));
        Assert.True(cache.TryGet(tokens[100], out _));
    }

    [Fact]
    public async Task ParallelVerifications_NeverExceedTheBound_AndMapEachTokenToItsOwnIdentity()
    {
        // Many resets under contention (a lock-free version of this cache drifted past its bound).
        const int capacity = 200;
        const int writers = 4;
        const int tokensPerWriter = 20_000;
        var cache = new VerifiedTokenCache<AccessTokenIdentity>(capacity);
        using var start = new Barrier(writers);
        var maxSeen = 0;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < tokensPerWriter; i++)
            {
                VerifyTwice(cache, $"token-{w}-{i}");
                if (i % 100 == 0)
                {
                    InterlockedMax(ref maxSeen, cache.Count);
                }
            }
        }, TaskCreationOptions.LongRunning)));

        Assert.InRange(maxSeen, 1, capacity);
        Assert.InRange(cache.Count, 1, capacity);
        for (var w = 0; w < writers; w++)
        {
            for (var i = 0; i < tokensPerWriter; i++)
            {
                var token = $"token-{w}-{i}";
                if (cache.TryGet(token, out var identity))
                {
                    Assert.Equal(token, identity.UserId);
                }
            }
        }
    }

    private static void VerifyTwice(VerifiedTokenCache<AccessTokenIdentity> cache, string token)
    {
        cache.Verified(token, Identity(token));
        cache.Verified(token, Identity(token));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    // The user id carries the token, so a test can tell whose identity the cache returns.
    private static AccessTokenIdentity Identity(string token) =>
        new(token, "session", null, [], ExpiresAt: 0, NotBefore: 0, Claims: default(JsonElement));
}
