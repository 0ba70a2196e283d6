using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SessionService.Api.Tokens;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Tests.Unit;

public sealed class AccessTokenSessionCheckTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly RevocationSet _revocations;
    private readonly AccessTokenSessionCheck _check;

    public AccessTokenSessionCheckTests()
    {
        _revocations = new RevocationSet(_clock);
        _check = new AccessTokenSessionCheck(_revocations, Options.Create(new AuthOptions { ClockSkew = TimeSpan.FromSeconds(30) }), _clock);
    }

    private AccessTokenIdentity Identity(TimeSpan expiresIn, TimeSpan? notBeforeIn = null)
    {
        var now = _clock.GetUtcNow();
        return new("u1", "s1", null, [], (now + expiresIn).ToUnixTimeSeconds(), (now + (notBeforeIn ?? TimeSpan.Zero)).ToUnixTimeSeconds(), JsonDocument.Parse("{}").RootElement);
    }

    [Fact]
    public void Check_Passes_WhenTokenIsLiveAndNothingRevoked()
    {
        Assert.Null(_check.Check(Identity(TimeSpan.FromMinutes(5))));
    }

    [Fact]
    public void Check_IsExpiredToken_OnlyOnceTheClockPassesExpiryPlusSkew()
    {
        var identity = Identity(TimeSpan.FromMinutes(5));

        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(29));
        Assert.Null(_check.Check(identity));
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new TokenRejection("expired_token", "The access token has expired."), _check.Check(identity));
    }

    [Fact]
    public void Check_IsInvalidToken_WhenNotBeforeIsBeyondTheSkew()
    {
        Assert.Null(_check.Check(Identity(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30))));
        Assert.Equal(new TokenRejection("invalid_token", "The access token is not valid yet."), _check.Check(Identity(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(31))));
    }

    [Fact]
    public void Check_IsUserNotFound_WhenUserIsBlocked_EvenIfSessionIsAlsoRevoked()
    {
        var until = _clock.GetUtcNow().AddMinutes(10);
        _revocations.Apply([new(RevocationKind.Session, "s1", until), new(RevocationKind.UserBlocked, "u1", until)]);

        Assert.Equal(new TokenRejection("user_not_found", "The user no longer exists or is disabled."), _check.Check(Identity(TimeSpan.FromMinutes(5))));
    }

    [Fact]
    public void Check_IsObsoleteToken_WhenSessionIsRevoked()
    {
        _revocations.Apply([new(RevocationKind.Session, "s1", _clock.GetUtcNow().AddMinutes(10))]);

        Assert.Equal(new TokenRejection("obsolete_token", "The session of this token has been revoked."), _check.Check(Identity(TimeSpan.FromMinutes(5))));
    }
}
