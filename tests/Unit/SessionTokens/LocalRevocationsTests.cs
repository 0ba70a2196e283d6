using SessionService.AspNetCore;

namespace SessionService.Tests.Unit.SessionTokens;

public sealed class LocalRevocationsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private readonly LocalRevocations _revocations = new();

    [Fact]
    public void ARevokedSession_IsRefused_AnotherSessionOfTheSameUserIsNot()
    {
        _revocations.Apply(Entry(1, RevocationEntry.SessionKind, "session-a"));

        Assert.True(_revocations.Refuses("session-a", "user-1"));
        Assert.False(_revocations.Refuses("session-b", "user-1"));
    }

    [Fact]
    public void ABlockedUser_IsRefusedOnEverySession_UntilUnblocked()
    {
        _revocations.Apply(Entry(1, RevocationEntry.UserBlockedKind, "user-1"));
        Assert.True(_revocations.Refuses("any-session", "user-1"));
        Assert.True(_revocations.Refuses(null, "user-1"));

        _revocations.Apply(Entry(2, RevocationEntry.UserUnblockedKind, "user-1"));

        Assert.False(_revocations.Refuses("any-session", "user-1"));
    }

    [Fact]
    public void AnUnknownKind_ChangesNothing()
    {
        Assert.False(_revocations.Apply(Entry(1, "tenant_blocked", "user-1")));
        Assert.False(_revocations.Refuses("user-1", "user-1"));
    }

    [Fact]
    public void Purge_DropsEntriesExpiredAtOrBeforeNow_KeepsThoseExpiringLater()
    {
        _revocations.Apply(Entry(1, RevocationEntry.SessionKind, "expired", Now.AddSeconds(-1)));
        _revocations.Apply(Entry(2, RevocationEntry.SessionKind, "expires-now", Now));
        _revocations.Apply(Entry(3, RevocationEntry.SessionKind, "expires-later", Now.AddSeconds(1)));
        _revocations.Apply(Entry(4, RevocationEntry.UserBlockedKind, "blocked-expired", Now));

        _revocations.Purge(Now);

        Assert.False(_revocations.Refuses("expired", null));
        Assert.False(_revocations.Refuses("expires-now", null));
        Assert.True(_revocations.Refuses("expires-later", null));
        Assert.False(_revocations.Refuses(null, "blocked-expired"));
        Assert.Equal(1, _revocations.SessionCount);
        Assert.Equal(0, _revocations.BlockedUserCount);
    }

    private static RevocationEntry Entry(long seq, string kind, string subject, DateTimeOffset? expiresAt = null) =>
        new(seq, kind, subject, (expiresAt ?? Now.AddHours(1)).ToUnixTimeSeconds());
}
