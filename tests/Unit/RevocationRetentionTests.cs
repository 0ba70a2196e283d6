using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SessionService.Api.Tokens;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Tests.Unit;

/// <summary>
/// A revocation entry lives <c>Auth:RevocationRetention</c> (access token lifetime plus clock skew) from the
/// revocation: long enough that every access token of the session is refused until it would have expired anyway.
/// </summary>
public sealed class RevocationRetentionTests
{
    // A fraction of a second past a whole second, so that whole-second claims are rounded as in real use.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow.AddTicks(-DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerSecond).AddMilliseconds(999));
    private readonly AuthOptions _auth = new() { Secret = new string('s', 32) };
    private readonly RevocationSet _revocations;
    private readonly AccessTokenSessionCheck _check;

    public RevocationRetentionTests()
    {
        _revocations = new RevocationSet(_clock);
        _check = new AccessTokenSessionCheck(_revocations, Options.Create(_auth), _clock);
    }

    [Fact]
    public async Task Check_IsObsoleteToken_OneSecondBeforeRetentionEnds_AndTheEntryIsGoneAtItsEnd()
    {
        // The latest token a revoked session can have was issued at the instant of the revocation.
        var identity = await IssueAndVerifyAsync();
        var entry = new RevocationEntry(RevocationKind.Session, identity.SessionId, _clock.GetUtcNow() + _auth.RevocationRetention);
        _revocations.Apply([entry]);

        _clock.Advance(_auth.RevocationRetention - TimeSpan.FromSeconds(1));
        _revocations.Purge();
        Assert.True(_revocations.IsSessionRevoked(identity.SessionId));
        Assert.Equal("obsolete_token", _check.Check(identity)?.Code);

        _clock.Advance(TimeSpan.FromSeconds(1));
        _revocations.Purge();
        Assert.False(_revocations.IsSessionRevoked(identity.SessionId));
        Assert.Equal("expired_token", _check.Check(identity)?.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(299)]
    [InlineData(600)]
    public async Task Check_NeverPasses_WhileOrAfterTheSessionIsRevoked_WhenTheTokenWasIssuedThisLongBefore(int secondsBefore)
    {
        var identity = await IssueAndVerifyAsync();
        _clock.Advance(TimeSpan.FromSeconds(secondsBefore));
        _revocations.Apply([new(RevocationKind.Session, identity.SessionId, _clock.GetUtcNow() + _auth.RevocationRetention)]);

        for (var second = 0; second <= (int)_auth.RevocationRetention.TotalSeconds + 2; second++)
        {
            _revocations.Purge();
            Assert.NotNull(_check.Check(identity));
            _clock.Advance(TimeSpan.FromMilliseconds(500));
            _revocations.Purge();
            Assert.NotNull(_check.Check(identity));
            _clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal(0, _revocations.Count);
    }

    /// <summary>An access token as this node issues it, read back through the access kind's verifier.</summary>
    private async Task<AccessTokenIdentity> IssueAndVerifyAsync()
    {
        var keys = new SigningKeys(null!, Options.Create(_auth), null!);
        await keys.ReloadAsync();
        var issuer = new AccessTokenIssuer(keys, Options.Create(_auth), _clock);
        var user = new UserView("user-1", "alice", [], false, _clock.GetUtcNow());
        var (token, _, _) = issuer.Issue(new IssuedSession("refresh", "session-1", "phone", _clock.GetUtcNow().AddDays(30), user));
        var verified = await new JwsVerifier<AccessTokenIdentity>(AccessTokenKind.Create(keys, _auth)).VerifyAsync(token);
        Assert.Null(_check.Check(verified.Identity!));
        return verified.Identity!;
    }
}
