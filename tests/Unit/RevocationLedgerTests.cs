using System.Collections.Immutable;
using SessionService.Grains.Contracts;
using SessionService.Grains.Revocations;

namespace SessionService.Tests.Unit;

public sealed class RevocationLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Accept_NumbersNewEntriesFromTheLastNumber_AndDropsExpiredOnes()
    {
        var kept = new RevocationEntry(RevocationKind.Session, "old", Now.AddMinutes(1), 7);
        var stale = new RevocationEntry(RevocationKind.Session, "stale", Now, 6);

        var ledger = RevocationLedger.Accept([stale, kept], 7,
            [Entry("a", Now.AddMinutes(5)), Entry("gone", Now), Entry("b", Now.AddSeconds(1))], Now);

        Assert.Equal(9, ledger.LastSequence);
        Assert.Equal(["old:7", "a:8", "b:9"], ledger.Live.Select(e => $"{e.SubjectId}:{e.Sequence}"));
        Assert.Equal(["a:8", "b:9"], ledger.Published.Select(e => $"{e.SubjectId}:{e.Sequence}"));
        Assert.True(ledger.IsChanged);
    }

    [Fact]
    public void Accept_ARepeatedEntry_KeepsItsNumber_TakesTheLaterExpiry_AndIsToldAgain()
    {
        var known = new RevocationEntry(RevocationKind.Session, "s", Now.AddMinutes(1), 3);

        var same = RevocationLedger.Accept([known], 3, [Entry("s", Now.AddMinutes(1))], Now);
        var later = RevocationLedger.Accept([known], 3, [Entry("s", Now.AddMinutes(2))], Now);
        var earlier = RevocationLedger.Accept([known], 3, [Entry("s", Now.AddSeconds(30))], Now);

        Assert.False(same.IsChanged);
        Assert.Equal(known, Assert.Single(same.Published));
        Assert.True(later.IsChanged);
        Assert.Equal(known with { ExpiresAt = Now.AddMinutes(2) }, Assert.Single(later.Live));
        Assert.Equal(3, later.LastSequence);
        Assert.False(earlier.IsChanged);
        Assert.Equal(known, Assert.Single(earlier.Live));
    }

    [Theory]
    [InlineData(RevocationKind.UserBlocked, RevocationKind.UserUnblocked)]
    [InlineData(RevocationKind.UserUnblocked, RevocationKind.UserBlocked)]
    public void Accept_BlockAndUnblockOfOneUser_KeepOnlyTheLater(RevocationKind first, RevocationKind then)
    {
        var earlier = new RevocationEntry(first, "u", Now.AddMinutes(1), 4);
        var other = new RevocationEntry(first, "other-user", Now.AddMinutes(1), 5);

        var ledger = RevocationLedger.Accept([earlier, other], 5, [new RevocationEntry(then, "u", Now.AddMinutes(2))], Now);

        Assert.Equal([other, new RevocationEntry(then, "u", Now.AddMinutes(2), 6)], ledger.Live);
    }

    [Fact]
    public void Accept_SessionRevocations_NeverCancelEachOther() =>
        Assert.Equal(2, RevocationLedger.Accept([new RevocationEntry(RevocationKind.Session, "u", Now.AddMinutes(1), 1)], 1,
            [new RevocationEntry(RevocationKind.UserBlocked, "u", Now.AddMinutes(1))], Now).Live.Count);

    [Fact]
    public void NumberUnnumbered_NumbersEntriesStoredWithoutNumbers_InStoredOrder_AfterTheLastOne()
    {
        ImmutableList<RevocationEntry> stored = [Entry("a", Now), new RevocationEntry(RevocationKind.Session, "b", Now, 2), Entry("c", Now)];

        var ledger = RevocationLedger.NumberUnnumbered(stored, 2);

        Assert.Equal(["a:3", "b:2", "c:4"], ledger.Live.Select(e => $"{e.SubjectId}:{e.Sequence}"));
        Assert.Equal(4, ledger.LastSequence);
    }

    private static RevocationEntry Entry(string session, DateTimeOffset expires) => new(RevocationKind.Session, session, expires);
}
