using SessionService.Api.Gateway;
using SessionService.Api.Gateway.Verification;

namespace SessionService.Tests.Unit.Gateway;

/// <summary>
/// Verified tokens are remembered (from their second verification) so a repeated token skips parsing
/// and the signature, but only while its key finds the very same credential instance, and never past
/// its times.
/// </summary>
public sealed class ConsumerTokenCacheTests
{
    private readonly VerifierRig _rig = new();
    private readonly ConsumerKey _key = ConsumerKey.Create("HS256");
    private readonly GatewayCredential _credential;
    private readonly string _token;

    public ConsumerTokenCacheTests()
    {
        _credential = _rig.Credentials.Add(_key);
        _token = _key.Token(new { iss = "partner-key", exp = _rig.Now + 600, nbf = _rig.Now });
    }

    [Fact]
    public void RepeatedToken_IsAnsweredFromTheCache()
    {
        var first = _rig.Verify(_token);
        var second = _rig.Verify(_token);
        var third = _rig.Verify(_token);
        var fourth = _rig.Verify(_token);

        Assert.All(new[] { first, second, third, fourth }, v => Assert.Same(_credential, v.Credential));
        // A cached token answers with the verdict built when it was admitted, allocating nothing.
        Assert.NotSame(first, second);
        Assert.Same(second, third);
        Assert.Same(third, fourth);
    }

    [Fact]
    public void RepeatedToken_AllocatesNothing()
    {
        for (var i = 0; i < 100; i++)
        {
            Assert.True(_rig.Verify(_token).Succeeded);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            _rig.Verify(_token);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void DeletedCredential_StopsAVerifiedTokenAtOnce()
    {
        VerifyUntilCached();

        _rig.Credentials.Remove("partner-key");

        Assert.Equal(GatewayCodes.NoCredentials, _rig.Verify(_token).Code);
    }

    [Fact]
    public void ReplacedCredential_WithAnotherSecret_RefusesAVerifiedToken()
    {
        VerifyUntilCached();

        _rig.Credentials.Add(ConsumerKey.Create("HS256"));

        Assert.Equal(GatewayCodes.InvalidSignature, _rig.Verify(_token).Code);
    }

    [Fact]
    public void ReplacedCredential_WithAnotherAlgorithm_RefusesAVerifiedToken()
    {
        VerifyUntilCached();

        _rig.Credentials.Add(ConsumerKey.Create("ES256"));

        Assert.Equal(GatewayCodes.InvalidAlgorithm, _rig.Verify(_token).Code);
    }

    [Fact]
    public void ReplacedCredential_WithTheSameSecret_VerifiesAsTheNewInstance()
    {
        VerifyUntilCached();
        var replacement = _key.Credential("partner-key");
        _rig.Credentials.Put(replacement);

        var verdict = _rig.Verify(_token);

        Assert.Same(replacement, verdict.Credential);
        // The entry now holds the new instance, so the token is answered from the cache again.
        Assert.Same(verdict, _rig.Verify(_token));
        Assert.Same(verdict, _rig.Verify(_token));
    }

    [Fact]
    public void CachedToken_StillExpires()
    {
        VerifyUntilCached();

        _rig.Clock.Advance(TimeSpan.FromSeconds(599));
        Assert.True(_rig.Verify(_token).Succeeded);
        _rig.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(GatewayCodes.ExpiredToken, _rig.Verify(_token).Code);
    }

    [Fact]
    public void CachedToken_StillMeetsNbfAndTheMaximumExpiration_AgainstTheClock()
    {
        // A clock that can step back (a node's clock corrected by NTP), which FakeTimeProvider refuses to do.
        var clock = new SettableClock { Now = VerifierRig.Start };
        var credentials = new TestCredentials();
        credentials.Add(_key);
        var options = new GatewayOptions { MaximumExpiration = 300 };
        var verifier = new ConsumerTokenVerifier(credentials, Microsoft.Extensions.Options.Options.Create(options), clock);
        var now = VerifierRig.Start.ToUnixTimeSeconds();
        var token = _key.Token(new { iss = "partner-key", exp = now + 300, nbf = now });
        Assert.True(verifier.Verify(token).Succeeded);
        var cached = verifier.Verify(token);
        Assert.Same(cached, verifier.Verify(token));

        clock.Now = VerifierRig.Start.AddSeconds(-1);

        Assert.Equal(GatewayCodes.TokenNotYetValid, verifier.Verify(token).Code);
        options.ClaimsToVerify = "exp";
        var expOnly = new ConsumerTokenVerifier(credentials, Microsoft.Extensions.Options.Options.Create(options), clock);
        clock.Now = VerifierRig.Start;
        Assert.True(expOnly.Verify(token).Succeeded);
        Assert.True(expOnly.Verify(token).Succeeded);
        clock.Now = VerifierRig.Start.AddSeconds(-1);
        Assert.Equal(GatewayCodes.ExpTooFar, expOnly.Verify(token).Code);
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void FailedToken_IsNotCached_SoItVerifiesOnceValid()
    {
        var early = _key.Token(new { iss = "partner-key", exp = _rig.Now + 600, nbf = _rig.Now + 10 });
        Assert.Equal(GatewayCodes.TokenNotYetValid, _rig.Verify(early).Code);
        Assert.Equal(GatewayCodes.TokenNotYetValid, _rig.Verify(early).Code);

        _rig.Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.True(_rig.Verify(early).Succeeded);
    }

    private void VerifyUntilCached()
    {
        var first = _rig.Verify(_token);
        var second = _rig.Verify(_token);
        Assert.Same(second, _rig.Verify(_token));
        Assert.Same(_credential, first.Credential);
    }
}
