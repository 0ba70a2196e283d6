using System.Collections.Immutable;
using SessionService.Grains.Tokens;
using SessionService.Grains.Users;
using static SessionService.Tests.Unit.Users.PolicyFixtures;

namespace SessionService.Tests.Unit.Users;

public sealed class DeviceSessionsTests
{
    [Fact]
    public void Start_MintsGenerationOneOfANewLineage_WithExpiryCappedByAbsoluteLifetime()
    {
        var started = Login("phone");

        Assert.True(RefreshToken.TryParse(started.RefreshToken, out var parsed));
        Assert.Equal((UserId, started.Session.SessionId, 1L), (parsed.UserId, parsed.SessionId, parsed.Generation));
        Assert.True(parsed.HasValidTag(started.Session.LineageKey));
        Assert.Equal(RefreshToken.Hash(started.RefreshToken), started.Session.CurrentHash);
        Assert.Equal(Start.AddDays(30), started.Session.ExpiresAt);
        Assert.Equal(Start.AddDays(90), started.Session.AbsoluteExpiresAt);
        Assert.Empty(started.RevokedSessionIds);
    }

    [Fact]
    public void Start_ReplacesTheSessionOfTheSameDevice_AndRevokesIt()
    {
        var first = Login("tablet");

        var second = DeviceSessions.Start([first.Session], UserId, "tablet", "Tablet", Client, Start.AddMinutes(1), Options());

        Assert.Equal(new[] { first.Session.SessionId }, second.RevokedSessionIds.AsEnumerable());
        Assert.Equal(second.Session, Assert.Single(second.Sessions));
        Assert.Equal("Tablet", second.Session.DeviceName);
    }

    [Fact]
    public void Start_EvictsLeastRecentlyUsed_WhenTheCapIsReached()
    {
        var auth = Options(maxSessions: 3);
        var a = Login("a", Start).Session with { LastUsedAt = Start.AddMinutes(3) };
        var b = Login("b", Start).Session with { LastUsedAt = Start.AddMinutes(1) };
        var c = Login("c", Start).Session with { LastUsedAt = Start.AddMinutes(2) };

        var d = DeviceSessions.Start([a, b, c], UserId, "d", null, Client, Start.AddMinutes(4), auth);
        var e = DeviceSessions.Start(d.Sessions, UserId, "e", null, Client, Start.AddMinutes(5), auth);

        Assert.Equal(new[] { b.SessionId }, d.RevokedSessionIds.AsEnumerable());
        Assert.Equal(["a", "c", "d"], d.Sessions.Select(s => s.Device));
        Assert.Equal(new[] { c.SessionId }, e.RevokedSessionIds.AsEnumerable());
        Assert.Equal(["a", "d", "e"], e.Sessions.Select(s => s.Device));
    }

    [Fact]
    public void Start_DropsExpiredSessions_WithoutRevokingThem_BeforeCountingTheCap()
    {
        var auth = Options(maxSessions: 2);
        var old = Login("old", Start);
        var live = Login("live", Start.AddDays(20));

        var started = DeviceSessions.Start([old.Session, live.Session], UserId, "new", null, Client, old.Session.ExpiresAt, auth);

        Assert.Empty(started.RevokedSessionIds);
        Assert.Equal(["live", "new"], started.Sessions.Select(s => s.Device));
    }

    [Fact]
    public void Start_GivesANewDeviceId_WhenNoneIsNamed()
    {
        var started = DeviceSessions.Start([], UserId, null, null, Client, Start, Options());

        Assert.False(string.IsNullOrEmpty(started.Session.Device));
    }

    [Fact]
    public void FindAndList_SeeOnlyUnexpiredSessionsByDevice_MostRecentlyUsedFirst()
    {
        var phone = Login("phone", Start).Session with { LastUsedAt = Start.AddMinutes(1) };
        var laptop = Login("laptop", Start).Session with { LastUsedAt = Start.AddMinutes(2) };
        var stale = Login("stale", Start.AddDays(-40)).Session;
        ImmutableList<DeviceSession> sessions = [phone, laptop, stale];

        Assert.Equal(["laptop", "phone"], DeviceSessions.Listed(sessions, Start).Select(s => s.Device));
        Assert.Same(phone, DeviceSessions.FindLiveByDevice(sessions, "phone", Start));
        Assert.Null(DeviceSessions.FindLiveByDevice(sessions, "stale", Start));
        Assert.Same(stale, DeviceSessions.FindById(sessions, stale.SessionId));
        Assert.Equal([laptop], DeviceSessions.Remove(sessions, [phone, stale]));
    }
}
