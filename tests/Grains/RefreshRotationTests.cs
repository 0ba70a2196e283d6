using System.Buffers.Text;
using System.Security.Cryptography;
using SessionService.Grains.Contracts;
using SessionService.Grains.Tokens;
using SessionService.Tests.Support;
using static SessionService.Tests.Support.GrainUsers;

namespace SessionService.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class RefreshRotationTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Refresh_RotatesToNewToken_WhenCurrentTokenPresented()
    {
        var user = await CreateAsync(Grains);
        var first = (await LoginOkAsync(user)).RefreshToken;

        var second = await RefreshOkAsync(user, first);
        var third = await RefreshOkAsync(user, second);

        Assert.NotEqual(first, second);
        Assert.NotEqual(second, third);
        Assert.True(RefreshToken.TryParse(third, out var parsed));
        Assert.Equal(3, parsed.Generation);
    }

    [Fact]
    public async Task Refresh_ReturnsSameSuccessor_WhenPreviousTokenRetriedInsideGrace()
    {
        var user = await CreateAsync(Grains);
        var first = (await LoginOkAsync(user)).RefreshToken;
        var successor = await RefreshOkAsync(user, first);

        fixture.Clock.Advance(TimeSpan.FromSeconds(29));
        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RefreshResultAsync(user, first)));

        Assert.All(retries, r => Assert.Equal(RefreshOutcome.Success, r.Outcome));
        Assert.All(retries, r => Assert.Equal(successor, r.Session!.RefreshToken));
        Assert.Equal(RefreshOutcome.Success, (await user.RefreshAsync(successor, Client))?.Outcome);
    }

    [Fact]
    public async Task Refresh_RevokesSession_WhenPreviousTokenReusedAfterGrace()
    {
        var user = await CreateAsync(Grains);
        var phone = await LoginOkAsync(user, "phone");
        var laptop = await LoginOkAsync(user, "laptop");
        var successor = await RefreshOkAsync(user, phone.RefreshToken);

        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        var reuse = await RefreshResultAsync(user, phone.RefreshToken);

        Assert.Equal(RefreshOutcome.Obsolete, reuse.Outcome);
        Assert.Equal(RefreshOutcome.Invalid, (await user.RefreshAsync(successor, Client))?.Outcome);
        Assert.DoesNotContain(await SessionsAsync(user), s => s.Device == "phone");
        Assert.Equal(RefreshOutcome.Success, (await user.RefreshAsync(laptop.RefreshToken, Client))?.Outcome);
        Assert.Contains(await Grains.GetGrain<IRevocationAuthorityGrain>(RevocationAuthority.Id).GetRevocationsAsync(),
            e => e.Kind == RevocationKind.Session && e.SubjectId == phone.SessionId);
    }

    [Fact]
    public async Task Refresh_RevokesSession_WhenTokenTwoRotationsOldReusedEvenInsideGrace()
    {
        var user = await CreateAsync(Grains);
        var first = (await LoginOkAsync(user)).RefreshToken;
        var second = await RefreshOkAsync(user, first);
        var third = await RefreshOkAsync(user, second);

        Assert.Equal(RefreshOutcome.Obsolete, (await user.RefreshAsync(first, Client))?.Outcome);
        Assert.Equal(RefreshOutcome.Invalid, (await user.RefreshAsync(third, Client))?.Outcome);
    }

    [Fact]
    public async Task Refresh_RevokesSession_WhenReusedWithGraceWindowElapsedForManyRotations()
    {
        var user = await CreateAsync(Grains);
        var tokens = new List<string> { (await LoginOkAsync(user)).RefreshToken };
        for (var i = 0; i < 10; i++)
        {
            tokens.Add(await RefreshOkAsync(user, tokens[^1]));
        }

        Assert.Equal(RefreshOutcome.Obsolete, (await user.RefreshAsync(tokens[2], Client))?.Outcome);
        Assert.Empty(await SessionsAsync(user));
    }

    [Fact]
    public async Task Refresh_RevokesNothing_WhenTokenIsForgedForAnExistingSession()
    {
        var user = await CreateAsync(Grains);
        var issued = await LoginOkAsync(user);
        var current = await RefreshOkAsync(user, issued.RefreshToken);
        current = await RefreshOkAsync(user, current);
        var userId = user.GetPrimaryKeyString();

        string Forge(long generation) =>
            $"{userId}.{issued.SessionId}.{generation}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16))}";

        foreach (var generation in new long[] { 1, 2, 3, 4, 99 })
        {
            Assert.Equal(RefreshOutcome.Invalid, (await user.RefreshAsync(Forge(generation), Client))?.Outcome);
        }

        await user.LogoutWithRefreshTokenAsync(Forge(1));
        Assert.Equal(RefreshOutcome.Success, (await user.RefreshAsync(current, Client))?.Outcome);
    }

    [Fact]
    public async Task Refresh_IsInvalid_WhenTokenBelongsToAnotherUser()
    {
        var alice = await CreateAsync(Grains);
        var bob = await CreateAsync(Grains);
        var aliceToken = (await LoginOkAsync(alice)).RefreshToken;

        Assert.Equal(RefreshOutcome.Invalid, (await bob.RefreshAsync(aliceToken, Client))?.Outcome);
        Assert.Equal(RefreshOutcome.Success, (await alice.RefreshAsync(aliceToken, Client))?.Outcome);
    }

    [Fact]
    public async Task Refresh_SucceedsOnce_WhenManyParallelCallsPresentOneToken()
    {
        var user = await CreateAsync(Grains);
        var token = (await LoginOkAsync(user)).RefreshToken;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => RefreshResultAsync(user, token))));

        Assert.All(results, r => Assert.Equal(RefreshOutcome.Success, r.Outcome));
        Assert.Single(results.Select(r => r.Session!.RefreshToken).Distinct());
        Assert.Single(await SessionsAsync(user));
    }

    [Fact]
    public async Task Logout_RevokesSession_WhenRefreshTokenIsAuthentic()
    {
        var user = await CreateAsync(Grains);
        var issued = await LoginOkAsync(user);

        await user.LogoutWithRefreshTokenAsync(issued.RefreshToken);

        Assert.Equal(RefreshOutcome.Invalid, (await user.RefreshAsync(issued.RefreshToken, Client))?.Outcome);
    }
}
