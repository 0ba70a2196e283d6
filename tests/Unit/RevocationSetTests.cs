using Microsoft.Extensions.Time.Testing;
using SessionService.Api.Tokens;
using SessionService.Grains.Contracts;

namespace SessionService.Tests.Unit;

public sealed class RevocationSetTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public void Apply_RevokesSessionsAndBlocksUsers_AndUnblockLifts()
    {
        var set = new RevocationSet(_clock);
        var until = _clock.GetUtcNow().AddMinutes(10);

        set.Apply([new(RevocationKind.Session, "s1", until), new(RevocationKind.UserBlocked, "u1", until)]);
        Assert.True(set.IsSessionRevoked("s1"));
        Assert.True(set.IsUserBlocked("u1"));
        Assert.False(set.IsSessionRevoked("s2"));

        set.Apply([new(RevocationKind.UserUnblocked, "u1", until)]);
        Assert.False(set.IsUserBlocked("u1"));
        Assert.True(set.IsSessionRevoked("s1"));
    }

    [Fact]
    public void Purge_DropsEntries_OnceNoTokenCanMatch()
    {
        var set = new RevocationSet(_clock);
        set.Apply([new(RevocationKind.Session, "s1", _clock.GetUtcNow().AddMinutes(10))]);

        _clock.Advance(TimeSpan.FromMinutes(10));
        set.Purge();

        Assert.False(set.IsSessionRevoked("s1"));
        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void Load_MergesSessions_ButReplacesBlockedUsers()
    {
        var set = new RevocationSet(_clock);
        var until = _clock.GetUtcNow().AddMinutes(10);
        set.Apply([new(RevocationKind.Session, "s1", until), new(RevocationKind.UserBlocked, "u-unblocked-meanwhile", until)]);

        set.Load([new(RevocationKind.Session, "s2", until), new(RevocationKind.UserBlocked, "u2", until)]);

        Assert.True(set.IsLoaded);
        Assert.True(set.IsSessionRevoked("s1"));
        Assert.True(set.IsSessionRevoked("s2"));
        Assert.True(set.IsUserBlocked("u2"));
        Assert.False(set.IsUserBlocked("u-unblocked-meanwhile"));
    }
}
