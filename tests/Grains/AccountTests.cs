using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Tests.Support;
using static SessionService.Tests.Support.GrainUsers;

namespace SessionService.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class AccountTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Login_LocksAccount_AfterFiveFailuresAndLockGrows()
    {
        var user = await CreateAsync(Grains);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(LoginOutcome.InvalidCredentials, (await LoginAsync(user, passwordValid: false)).Outcome);
        }

        var locked = await LoginAsync(user);
        Assert.Equal(LoginOutcome.Locked, locked.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(1), locked.RetryAfter);

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(user, passwordValid: false);
        }

        Assert.Equal(TimeSpan.FromMinutes(2), (await LoginAsync(user)).RetryAfter);
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(LoginOutcome.Success, (await LoginAsync(user)).Outcome);
    }

    [Fact]
    public async Task Login_CountsEveryFailure_WhenGuessesArriveInParallel()
    {
        var user = await CreateAsync(Grains);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => LoginAsync(user, passwordValid: false))));

        Assert.Equal(LoginOutcome.Locked, (await LoginAsync(user)).Outcome);
    }

    [Fact]
    public async Task Login_ChecksThePasswordAgainstItsOwnHash()
    {
        var user = await CreateAsync(Grains);

        Assert.Equal(LoginOutcome.InvalidCredentials, (await user.LoginAsync(new PasswordLogin("", null, null, Client)))?.Outcome);
        Assert.Equal(LoginOutcome.InvalidCredentials, (await user.LoginAsync(new PasswordLogin(Password + " ", null, null, Client)))?.Outcome);
        Assert.Equal(LoginOutcome.Success, (await user.LoginAsync(new PasswordLogin(Password, null, null, Client)))?.Outcome);
    }

    [Fact]
    public async Task ChangePassword_RevokesOtherSessions_KeepsCurrent_AndOnlyTheNewPasswordLogsIn()
    {
        var user = await CreateAsync(Grains);
        var current = await LoginOkAsync(user, "current");
        var other = await LoginOkAsync(user, "other");

        var verdict = await user.ChangePasswordAsync(new PasswordChangeAttempt(Password, "brand-new-password-2", current.SessionId, Client));

        Assert.Equal(PasswordChangeOutcome.Changed, verdict?.Outcome);
        Assert.Equal(RefreshOutcome.Invalid, (await user.RefreshAsync(other.RefreshToken, Client))?.Outcome);
        Assert.Equal(RefreshOutcome.Success, (await user.RefreshAsync(current.RefreshToken, Client))?.Outcome);
        Assert.Equal(LoginOutcome.InvalidCredentials, (await LoginAsync(user)).Outcome);
        Assert.Equal(LoginOutcome.Success, (await user.LoginAsync(new PasswordLogin("brand-new-password-2", null, null, Client)))?.Outcome);
    }

    [Fact]
    public async Task ChangePassword_WithAWrongCurrentPassword_CountsTowardTheLockout_AndChangesNothing()
    {
        var user = await CreateAsync(Grains);
        for (var i = 0; i < 5; i++)
        {
            var verdict = await user.ChangePasswordAsync(new PasswordChangeAttempt("wrong-password-9", "brand-new-password-2", null, Client));
            Assert.Equal(PasswordChangeOutcome.InvalidCredentials, verdict?.Outcome);
        }

        var locked = await user.ChangePasswordAsync(new PasswordChangeAttempt(Password, "brand-new-password-2", null, Client));
        Assert.Equal(PasswordChangeOutcome.Locked, locked?.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(1), locked?.RetryAfter);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(LoginOutcome.Success, (await LoginAsync(user)).Outcome);
    }

    [Fact]
    public async Task ChangePassword_RefusesAWeakNewPassword_AfterCheckingTheCurrentOne()
    {
        var user = await CreateAsync(Grains);

        Assert.Equal(PasswordChangeOutcome.InvalidCredentials, (await user.ChangePasswordAsync(new PasswordChangeAttempt("wrong-password-9", "aaaa", null, Client)))?.Outcome);
        var weak = await user.ChangePasswordAsync(new PasswordChangeAttempt(Password, "aaaa", null, Client));

        Assert.Equal(PasswordChangeOutcome.WeakPassword, weak?.Outcome);
        Assert.False(string.IsNullOrEmpty(weak?.Detail));
        Assert.Equal(LoginOutcome.Success, (await LoginAsync(user)).Outcome);
    }

    [Fact]
    public async Task ResetPassword_RevokesEverySession_ClearsLockouts_AndRefusesAWeakPassword()
    {
        var user = await CreateAsync(Grains);
        var session = await LoginOkAsync(user);
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(user, passwordValid: false);
        }

        Assert.Equal(PasswordChangeOutcome.WeakPassword, (await user.ResetPasswordAsync("aaaa"))?.Outcome);
        Assert.Equal(PasswordChangeOutcome.Changed, (await user.ResetPasswordAsync("operator-chosen-9"))?.Outcome);

        Assert.Equal(RefreshOutcome.Invalid, (await user.RefreshAsync(session.RefreshToken, Client))?.Outcome);
        Assert.Equal(LoginOutcome.Success, (await user.LoginAsync(new PasswordLogin("operator-chosen-9", null, null, Client)))?.Outcome);
    }

    [Fact]
    public async Task ClearLockouts_LetsALockedSourceIn()
    {
        var user = await CreateAsync(Grains);
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(user, passwordValid: false);
        }

        Assert.Equal(LoginOutcome.Locked, (await LoginAsync(user)).Outcome);
        Assert.NotNull(await user.ClearLockoutsAsync());
        Assert.Equal(LoginOutcome.Success, (await LoginAsync(user)).Outcome);
    }

    [Fact]
    public async Task Disable_RevokesSessions_AndEnableAllowsLoginAgain()
    {
        var user = await CreateAsync(Grains);
        var issued = await LoginOkAsync(user);

        Assert.True((await user.SetDisabledAsync(true))?.Disabled);
        Assert.Equal(RefreshOutcome.Invalid, (await user.RefreshAsync(issued.RefreshToken, Client))?.Outcome);
        Assert.Equal(LoginOutcome.Disabled, (await LoginAsync(user)).Outcome);
        Assert.Equal(LoginOutcome.InvalidCredentials, (await LoginAsync(user, passwordValid: false)).Outcome);

        Assert.False((await user.SetDisabledAsync(false))?.Disabled);
        Assert.Equal(LoginOutcome.Success, (await LoginAsync(user)).Outcome);
        Assert.DoesNotContain(await Grains.GetGrain<IRevocationAuthorityGrain>(RevocationAuthority.Id).GetRevocationsAsync(),
            e => e.Kind == RevocationKind.UserBlocked && e.SubjectId == user.GetPrimaryKeyString());
    }

    [Fact]
    public async Task Delete_RemovesUser_ReleasesNameAndBlocksTokens()
    {
        var name = "deleted-" + Ids.NewUserId()[..6];
        var user = await CreateAsync(Grains, name);
        var issued = await LoginOkAsync(user);

        Assert.Equal(name, (await user.DeleteAsync())?.Username);

        Assert.Null(await user.GetProfileAsync());
        Assert.Null(await user.RefreshAsync(issued.RefreshToken, Client)); // no such user: the API answers invalid_refresh_token
        Assert.Null(await Grains.GetGrain<IUsernameGrain>(Usernames.Normalize(name)).GetUserIdAsync());
        Assert.Contains(await Grains.GetGrain<IRevocationAuthorityGrain>(RevocationAuthority.Id).GetRevocationsAsync(),
            e => e.Kind == RevocationKind.UserBlocked && e.SubjectId == user.GetPrimaryKeyString());
        Assert.Null(await user.DeleteAsync());
    }

    [Fact]
    public async Task EveryMethod_AnswersNull_WhenUserDoesNotExist()
    {
        var nobody = Grains.GetGrain<IUserGrain>(Ids.NewUserId());
        var someToken = (await LoginOkAsync(await CreateAsync(Grains))).RefreshToken;

        Assert.Null(await nobody.GetProfileAsync());
        Assert.Null(await nobody.LoginAsync(new PasswordLogin(Password, null, null, Client)));
        Assert.Null(await nobody.RefreshAsync(someToken, Client));
        Assert.Null(await nobody.LogoutWithRefreshTokenAsync(someToken));
        Assert.Null(await nobody.ListSessionsAsync());
        Assert.Null(await nobody.RevokeDeviceAsync("phone"));
        Assert.Null(await nobody.RevokeSessionAsync(Ids.NewSessionId()));
        Assert.Null(await nobody.RevokeAllSessionsAsync(null));
        Assert.Null(await nobody.ChangePasswordAsync(new PasswordChangeAttempt(Password, "brand-new-password-2", null, Client)));
        Assert.Null(await nobody.ResetPasswordAsync("brand-new-password-2"));
        Assert.Null(await nobody.ClearLockoutsAsync());
        Assert.Null(await nobody.SetDisabledAsync(true));
        Assert.Null(await nobody.DeleteAsync());
        Assert.Null(await nobody.GetLoginAttemptsAsync());
        Assert.Null(await nobody.GetProfileAsync());
    }

    [Fact]
    public async Task Create_Throws_WhenIdAlreadyHoldsAUser()
    {
        var user = await CreateAsync(Grains);

        await Assert.ThrowsAsync<InvalidOperationException>(() => user.CreateAsync(new NewUser("someone-else", "hash", [])));
        Assert.NotEqual("someone-else", (await user.GetProfileAsync())?.Username);
    }

    [Fact]
    public async Task LoginAttempts_KeepFailuresNewestFirst_AndAreBounded()
    {
        var user = await CreateAsync(Grains);
        for (var i = 0; i < 30; i++)
        {
            await LoginAsync(user, device: $"d{i}", passwordValid: false);
            fixture.Clock.Advance(TimeSpan.FromHours(2));
        }

        await LoginOkAsync(user);
        var attempts = (await user.GetLoginAttemptsAsync())!.Value;

        Assert.Equal(20, attempts.Length);
        Assert.Equal("d29", attempts[0].Device);
        Assert.All(attempts, a => Assert.False(a.Succeeded));
    }

    [Fact]
    public async Task UsernameClaim_HasExactlyOneWinner_WhenClaimedInParallel()
    {
        var name = Usernames.Normalize("race-" + Ids.NewUserId()[..8]);
        var ids = Enumerable.Range(0, 10).Select(_ => Ids.NewUserId()).ToArray();

        var claims = await Task.WhenAll(ids.Select(id => Task.Run(() => Grains.GetGrain<IUsernameGrain>(name).TryClaimAsync(id))));

        Assert.Equal(1, claims.Count(c => c));
        Assert.Equal(ids[Array.IndexOf(claims, true)], await Grains.GetGrain<IUsernameGrain>(name).GetUserIdAsync());
    }
}
