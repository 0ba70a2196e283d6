using System.Collections.Immutable;
using SessionService.Grains.Contracts;
using SessionService.Grains.Tokens;
using SessionService.Grains.Users;
using static SessionService.Tests.Unit.Users.PolicyFixtures;

namespace SessionService.Tests.Unit.Users;

public sealed class RefreshRotationPolicyTests
{
    [Fact]
    public void Decide_RotatesToOneSuccessor_WhenCurrentTokenPresented()
    {
        var login = Login();
        var at = Start.AddMinutes(5);

        var decision = Present(login.Session, login.RefreshToken, at);

        Assert.Equal(RefreshVerdict.Rotate, decision.Verdict);
        var rotated = decision.Session!;
        Assert.Equal(2, rotated.Generation);
        Assert.Equal(RefreshToken.Hash(decision.RefreshToken!), rotated.CurrentHash);
        Assert.Equal(RefreshToken.Hash(login.RefreshToken), rotated.PreviousHash);
        Assert.Equal(at, rotated.RotatedAt);
        Assert.Equal(at, rotated.LastUsedAt);
        Assert.Equal(decision.RefreshToken, SuccessorSeal.Open(rotated.SealedSuccessor!, login.RefreshToken));
        Assert.Equal(Client.Ip, rotated.Ip);
    }

    [Fact]
    public void Decide_KeepsNoSealedSuccessor_WhenGraceIsZero()
    {
        var auth = Options(grace: TimeSpan.Zero);
        var login = Login(auth: auth);

        var decision = Present(login.Session, login.RefreshToken, Start.AddSeconds(1), auth);

        Assert.Equal(RefreshVerdict.Rotate, decision.Verdict);
        Assert.Null(decision.Session!.SealedSuccessor);
        Assert.Equal(RefreshVerdict.Reuse, Present(decision.Session, login.RefreshToken, Start.AddSeconds(1), auth).Verdict);
    }

    [Fact]
    public void Decide_SlidesExpiry_ButCapsItAtTheAbsoluteExpiry()
    {
        var login = Login();

        var first = Present(login.Session, login.RefreshToken, Start.AddDays(10));
        var second = Present(first.Session!, first.RefreshToken!, Start.AddDays(35));
        var third = Present(second.Session!, second.RefreshToken!, Start.AddDays(64));

        Assert.Equal(Start.AddDays(40), first.Session!.ExpiresAt);
        Assert.Equal(Start.AddDays(65), second.Session!.ExpiresAt);
        Assert.Equal(RefreshVerdict.Rotate, third.Verdict);
        Assert.Equal(Start.AddDays(90), third.Session!.ExpiresAt);
        Assert.Equal(RefreshVerdict.Expired, Present(third.Session, third.RefreshToken!, Start.AddDays(90)).Verdict);
    }

    [Fact]
    public void Decide_ReturnsTheSameSuccessor_WhenPreviousTokenRetriedOneTickBeforeTheWindowCloses()
    {
        var login = Login();
        var rotation = Present(login.Session, login.RefreshToken, Start);
        var beforeClose = Start + TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1);

        var retry = Present(rotation.Session!, login.RefreshToken, beforeClose);

        Assert.Equal(RefreshVerdict.Retry, retry.Verdict);
        Assert.Equal(rotation.RefreshToken, retry.RefreshToken);
        Assert.Same(rotation.Session, retry.Session);
    }

    [Fact]
    public void Decide_RetryInsideTheWindow_IsBoundToTheUserAgentThatRotated_NotToItsAddress()
    {
        var login = Login();
        var rotation = Present(login.Session, login.RefreshToken, Start);

        var movedNetwork = Present(rotation.Session!, login.RefreshToken, Start.AddSeconds(5), client: new ClientInfo("198.51.100.9", Client.UserAgent));
        var otherAgent = Present(rotation.Session!, login.RefreshToken, Start.AddSeconds(5), client: new ClientInfo(Client.Ip, "curl/8.5"));
        var noAgent = Present(rotation.Session!, login.RefreshToken, Start.AddSeconds(5), client: new ClientInfo(Client.Ip, null));

        Assert.Equal(RefreshVerdict.Retry, movedNetwork.Verdict);
        Assert.Equal(rotation.RefreshToken, movedNetwork.RefreshToken);
        Assert.Equal(RefreshVerdict.Reuse, otherAgent.Verdict);
        Assert.Equal(RefreshVerdict.Reuse, noAgent.Verdict);
    }

    [Fact]
    public void Decide_IsReuse_WhenPreviousTokenPresentedAsTheWindowCloses()
    {
        var login = Login();
        var rotation = Present(login.Session, login.RefreshToken, Start);

        var atClose = Present(rotation.Session!, login.RefreshToken, Start.AddSeconds(30));
        var afterClose = Present(rotation.Session!, login.RefreshToken, Start.AddSeconds(31));

        Assert.Equal(RefreshVerdict.Reuse, atClose.Verdict);
        Assert.Equal(RefreshVerdict.Reuse, afterClose.Verdict);
        Assert.Equal(1, atClose.RotationsAgo);
        Assert.Null(atClose.RefreshToken);
    }

    [Fact]
    public void Decide_IsReuse_WhenTokenTwoRotationsOldEvenInsideTheWindow()
    {
        var login = Login();
        var second = Present(login.Session, login.RefreshToken, Start);
        var third = Present(second.Session!, second.RefreshToken!, Start.AddSeconds(1));

        var decision = Present(third.Session!, login.RefreshToken, Start.AddSeconds(2));

        Assert.Equal(RefreshVerdict.Reuse, decision.Verdict);
        Assert.Equal(2, decision.RotationsAgo);
    }

    [Fact]
    public void Decide_IsInvalid_WhenAnOlderTokenCarriesAForgedTag()
    {
        var login = Login();
        var second = Present(login.Session, login.RefreshToken, Start);
        var third = Present(second.Session!, second.RefreshToken!, Start.AddMinutes(5)).Session!;

        foreach (var generation in new long[] { 1, 2, 3, 4 })
        {
            var forged = Forge(third, generation);
            Assert.Equal(RefreshVerdict.Invalid, Present(third, forged, Start.AddMinutes(6)).Verdict);
            Assert.False(RefreshToken.TryParse(forged, out var parsed) && RefreshRotationPolicy.IsAuthentic(third, PresentedRefreshToken.Native(parsed, forged)));
        }
    }

    [Fact]
    public void Decide_IsExpired_WhenAnAuthenticTokenOfAnExpiredSessionIsPresented_ButInvalidForAForgedOne()
    {
        var login = Login();
        var expiry = login.Session.ExpiresAt;

        Assert.Equal(RefreshVerdict.Expired, Present(login.Session, login.RefreshToken, expiry).Verdict);
        Assert.Equal(RefreshVerdict.Invalid, Present(login.Session, Forge(login.Session, 1), expiry).Verdict);
        Assert.Equal(RefreshVerdict.Rotate, Present(login.Session, login.RefreshToken, expiry.AddTicks(-1)).Verdict);
    }

    [Fact]
    public void WithoutClosedSuccessors_DropsOnlyClosedWindows_AndKeepsTheListWhenNoneClosed()
    {
        var grace = TimeSpan.FromSeconds(30);
        var early = Login("early");
        var late = Login("late");
        ImmutableList<DeviceSession> sessions =
        [
            Present(early.Session, early.RefreshToken, Start).Session!,
            Present(late.Session, late.RefreshToken, Start.AddSeconds(10)).Session!,
            Login("idle").Session,
        ];

        Assert.Same(sessions, RefreshRotationPolicy.WithoutClosedSuccessors(sessions, Start.AddSeconds(30).AddTicks(-1), grace));
        var afterFirstClose = RefreshRotationPolicy.WithoutClosedSuccessors(sessions, Start.AddSeconds(30), grace);
        Assert.Null(afterFirstClose[0].SealedSuccessor);
        Assert.NotNull(afterFirstClose[1].SealedSuccessor);
        Assert.Equal(sessions[1], afterFirstClose[1]);
    }

    [Fact]
    public void NextWindowClose_IsTheEarliestOpenWindow_OrNullWhenNoneIsOpen()
    {
        var grace = TimeSpan.FromSeconds(30);
        var early = Login("early");
        var late = Login("late");
        var rotatedEarly = Present(early.Session, early.RefreshToken, Start).Session!;
        var rotatedLate = Present(late.Session, late.RefreshToken, Start.AddSeconds(10)).Session!;

        Assert.Equal(Start.AddSeconds(30), RefreshRotationPolicy.NextWindowClose([rotatedLate, rotatedEarly], grace));
        Assert.Equal(Start.AddSeconds(40), RefreshRotationPolicy.NextWindowClose([rotatedEarly with { SealedSuccessor = null }, rotatedLate], grace));
        Assert.Null(RefreshRotationPolicy.NextWindowClose([early.Session], grace));
    }
}
