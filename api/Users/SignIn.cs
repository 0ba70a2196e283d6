using Microsoft.AspNetCore.Identity;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Users;

/// <summary>
/// The one sign-in protocol, shared by every surface that logs users in or checks their password: find
/// the user by name, respect the lockout, check the hash off the grain's turn, upgrade a weak hash,
/// and let the user grain complete the login. Unknown names answer exactly as wrong passwords do.
/// Surfaces only map the <see cref="SignInResult"/> to their own response.
/// </summary>
public sealed class SignIn(IGrainFactory grains, UserAccounts accounts, Passwords passwords)
{
    public async Task<SignInResult> PasswordAsync(SignInRequest request)
    {
        var userId = await accounts.FindIdAsync(request.Username);
        var user = userId is null ? null : grains.GetGrain<IUserGrain>(userId);
        var ticket = user is null ? null : await user.BeginLoginAsync();
        if (user is null || ticket is null)
        {
            return await UnknownUserAsync(request.Username, request.Password);
        }

        var check = ticket.LockedFor is null ? passwords.Check(ticket.PasswordHash, request.Password) : PasswordVerificationResult.Failed;
        var upgradedHash = check == PasswordVerificationResult.SuccessRehashNeeded ? passwords.Hash(request.Password) : null;
        var result = await user.CompleteLoginAsync(new LoginCompletion(
            check != PasswordVerificationResult.Failed, ticket.SecurityStamp, request.Device, request.DeviceName,
            request.Client, request.Username, upgradedHash));
        return result?.Outcome switch
        {
            LoginOutcome.Success => SignInResult.Success(result.Session!),
            LoginOutcome.Disabled => new SignInResult(SignInOutcome.Disabled),
            LoginOutcome.Locked => SignInResult.Locked(result.RetryAfter),
            // Also a user deleted since BeginLoginAsync (null): it answers as a wrong password does.
            _ => new SignInResult(SignInOutcome.InvalidCredentials),
        };
    }

    /// <summary>
    /// Changes a signed-in user's password after checking the current one. A wrong current password
    /// counts toward the lockout, so a stolen access token cannot be used to guess the password.
    /// </summary>
    public async Task<PasswordChangeResult> ChangePasswordAsync(PasswordChange request)
    {
        var user = grains.GetGrain<IUserGrain>(request.UserId);
        var ticket = await user.BeginLoginAsync();
        if (ticket is null)
        {
            return new PasswordChangeResult(PasswordChangeStatus.UserNotFound);
        }

        if (ticket.LockedFor is { } lockedFor)
        {
            return PasswordChangeResult.Locked(lockedFor);
        }

        if (!passwords.Verify(ticket.PasswordHash, request.CurrentPassword))
        {
            var failed = await user.CompleteLoginAsync(new LoginCompletion(
                false, ticket.SecurityStamp, null, null, request.Client, request.Username));
            return failed?.Outcome == LoginOutcome.Locked
                ? PasswordChangeResult.Locked(failed.RetryAfter)
                : new PasswordChangeResult(PasswordChangeStatus.InvalidCredentials);
        }

        if (Passwords.Weakness(request.NewPassword, request.Username) is { } weakness)
        {
            return new PasswordChangeResult(PasswordChangeStatus.WeakPassword, Detail: weakness);
        }

        return await user.ChangePasswordAsync(ticket.SecurityStamp, passwords.Hash(request.NewPassword), request.KeepSessionId) == Grains.Contracts.PasswordChangeOutcome.Changed
            ? new PasswordChangeResult(PasswordChangeStatus.Changed)
            : new PasswordChangeResult(PasswordChangeStatus.InvalidCredentials);
    }

    /// <summary>
    /// Answers exactly as for a real account with a wrong password, including lockouts: the name's
    /// failures are counted under the same rule, and the password is checked against a dummy hash.
    /// </summary>
    private async Task<SignInResult> UnknownUserAsync(string username, string password)
    {
        if (Usernames.IsValid(username)
            && await grains.GetGrain<IUsernameGrain>(Usernames.Normalize(username)).RecordUnknownLoginFailureAsync() is { } lockedFor)
        {
            return SignInResult.Locked(lockedFor);
        }

        passwords.VerifyAgainstDummy(password);
        return new SignInResult(SignInOutcome.InvalidCredentials);
    }
}
