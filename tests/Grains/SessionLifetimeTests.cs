using SessionService.Grains.Contracts;
using SessionService.Tests.Support;
using static SessionService.Tests.Support.GrainUsers;

namespace SessionService.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class SessionLifetimeTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Refresh_IsExpired_WhenSessionIdleLongerThanRefreshLifetime()
    {
        var user = await CreateAsync(Grains);
        var issued = await LoginOkAsync(user);

        fixture.Clock.Advance(TimeSpan.FromDays(30));

        Assert.Equal(RefreshOutcome.Expired, (await user.RefreshAsync(issued.RefreshToken, Client))?.Outcome);
        Assert.Equal(RefreshOutcome.Invalid, (await user.RefreshAsync(issued.RefreshToken, Client))?.Outcome);
        Assert.Empty(await SessionsAsync(user));
    }

    [Fact]
    public async Task Refresh_SlidesExpiry_ButNeverPastAbsoluteLifetime()
    {
        var user = await CreateAsync(Grains);
        var issued = await LoginOkAsync(user);
        var token = issued.RefreshToken;
        var loginTime = fixture.Clock.GetUtcNow();

        for (var i = 0; i < 4; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromDays(20));
            var result = await RefreshResultAsync(user, token);
            Assert.Equal(RefreshOutcome.Success, result.Outcome);
            Assert.True(result.Session!.ExpiresAt <= loginTime + TimeSpan.FromDays(90));
            token = result.Session.RefreshToken;
        }

        fixture.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(RefreshOutcome.Expired, (await user.RefreshAsync(token, Client))?.Outcome);
    }

    [Fact]
    public async Task Login_EvictsLeastRecentlyUsedSession_WhenSessionCapReached()
    {
        var user = await CreateAsync(Grains);
        var a = await LoginOkAsync(user, "a");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var b = await LoginOkAsync(user, "b");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var c = await LoginOkAsync(user, "c");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var aToken = await RefreshOkAsync(user, a.RefreshToken);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        await LoginOkAsync(user, "d");

        var devices = (await SessionsAsync(user)).Select(s => s.Device).Order().ToArray();
        Assert.Equal(["a", "c", "d"], devices);
        Assert.Equal(RefreshOutcome.Invalid, (await user.RefreshAsync(b.RefreshToken, Client))?.Outcome);
        Assert.Equal(RefreshOutcome.Success, (await user.RefreshAsync(aToken, Client))?.Outcome);
        Assert.Equal(RefreshOutcome.Success, (await user.RefreshAsync(c.RefreshToken, Client))?.Outcome);
    }

    [Fact]
    public async Task Login_ReplacesSession_WhenSameDeviceLogsInAgain()
    {
        var user = await CreateAsync(Grains);
        var first = await LoginOkAsync(user, "tablet");
        var second = await LoginOkAsync(user, "tablet");

        Assert.NotEqual(first.SessionId, second.SessionId);
        Assert.Equal(RefreshOutcome.Invalid, (await user.RefreshAsync(first.RefreshToken, Client))?.Outcome);
        Assert.Single(await SessionsAsync(user));
        Assert.Contains(await Grains.GetGrain<IRevocationAuthorityGrain>(RevocationAuthority.Id).GetRevocationsAsync(), e => e.SubjectId == first.SessionId);
    }

    [Fact]
    public async Task State_SurvivesDeactivation_IncludingGraceRetry()
    {
        var user = await CreateAsync(Grains);
        var first = (await LoginOkAsync(user, "desk")).RefreshToken;
        var successor = await RefreshOkAsync(user, first);

        await fixture.Cluster.DeactivateAsync(user);

        var retry = await RefreshResultAsync(user, first);
        Assert.Equal(RefreshOutcome.Success, retry.Outcome);
        Assert.Equal(successor, retry.Session!.RefreshToken);
        Assert.Equal("desk", Assert.Single(await SessionsAsync(user)).Device);
        Assert.Equal(RefreshOutcome.Success, (await user.RefreshAsync(successor, Client))?.Outcome);
    }

    [Fact]
    public async Task UserGrain_LeavesMemory_WhenIdle_EvenWithItsGraceWindowTimerPending()
    {
        var user = await CreateAsync(Grains);
        var successor = await RefreshOkAsync(user, (await LoginOkAsync(user, "desk")).RefreshToken);
        var management = Grains.GetGrain<IManagementGrain>(0);
        var userType = user.GetGrainId().Type;
        Assert.Contains(user.GetGrainId(), await management.GetActiveGrains(userType));

        // Orleans collects grains idle longer than Orleans:IdleGrainAge; here the age limit is forced
        // down to 50 ms, so the idle time this needs is real time.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while ((await management.GetActiveGrains(userType)).Contains(user.GetGrainId()))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "the idle user grain was not collected");
            await Task.Delay(100);
            await management.ForceActivationCollection(TimeSpan.FromMilliseconds(50));
        }

        Assert.Equal(RefreshOutcome.Success, (await user.RefreshAsync(successor, Client))?.Outcome);
    }

    [Fact]
    public async Task Revocations_Expire_WhenNoAccessTokenCanStillMatch()
    {
        var user = await CreateAsync(Grains);
        var issued = await LoginOkAsync(user);
        await user.RevokeSessionAsync(issued.SessionId);
        var broadcast = Grains.GetGrain<IRevocationAuthorityGrain>(RevocationAuthority.Id);
        Assert.Contains(await broadcast.GetRevocationsAsync(), e => e.SubjectId == issued.SessionId);

        fixture.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(31));

        Assert.DoesNotContain(await broadcast.GetRevocationsAsync(), e => e.SubjectId == issued.SessionId);
    }
}
