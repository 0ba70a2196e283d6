using Microsoft.Extensions.Options;
using SessionService.Api.Telemetry;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Users;

namespace SessionService.Api.Users;

/// <summary>
/// The one sign-in protocol, shared by every surface that logs users in or checks their password: find
/// the user by name and hand the password to the user grain, which checks it against its own hash,
/// respects the lockout and starts the session. Unknown names answer exactly as wrong passwords do.
/// Surfaces only map the <see cref="SignInResult"/> to their own response.
/// </summary>
public sealed class SignIn(IGrainFactory grains, UserAccounts accounts, Passwords passwords, IOptions<AuthOptions> auth, TimeProvider time)
{
    public async Task<SignInResult> PasswordAsync(SignInRequest request)
    {
        var started = time.GetTimestamp();
        var result = await CheckAsync(request);
        ApiMetrics.RecordLogin(result.Outcome);
        // A timer may fire a little early, so the floor is checked again after each wait.
        while (result.Outcome is SignInOutcome.InvalidCredentials or SignInOutcome.Locked
            && auth.Value.FailedLoginMinimumDuration - time.GetElapsedTime(started) is { Ticks: > 0 } rest)
        {
            await Task.Delay(rest, time);
        }

        return result;
    }

    private async Task<SignInResult> CheckAsync(SignInRequest request)
    {
        var userId = await accounts.FindIdAsync(request.Username);
        var byEmail = false;
        if (userId is null && request.AllowEmail)
        {
            userId = await accounts.FindIdByEmailAsync(request.Username);
            byEmail = userId is not null;
        }

        var result = userId is null ? null : await grains.Grain<IUserGrain>(userId).LoginAsync(new PasswordLogin(
            request.Password, request.Device, request.DeviceName, request.Client, request.Username, request.RefreshToken, request.Format));
        return (result?.Outcome switch
        {
            // Also a user deleted since its name was looked up: it answers as an unknown name does.
            null => await UnknownUserAsync(request.Username, request.Password, request.Client),
            LoginOutcome.Success => SignInResult.Success(result.Session!),
            LoginOutcome.Disabled => new SignInResult(SignInOutcome.Disabled),
            LoginOutcome.Locked => SignInResult.Locked(result.RetryAfter),
            _ => new SignInResult(SignInOutcome.InvalidCredentials),
        }) with { ByEmail = byEmail };
    }

    /// <summary>
    /// Changes a signed-in user's password; the user grain checks the current one. A wrong current
    /// password counts toward the lockout, so a stolen access token cannot be used to guess the password.
    /// Null: the user no longer exists.
    /// </summary>
    public Task<PasswordChangeVerdict?> ChangePasswordAsync(string userId, PasswordChangeAttempt attempt) =>
        grains.Grain<IUserGrain>(userId).ChangePasswordAsync(attempt);

    /// <summary>
    /// Answers exactly as for a real account with a wrong password, including lockouts: the name's
    /// failures are counted under the same rule, and the password is checked against a dummy hash.
    /// </summary>
    private async Task<SignInResult> UnknownUserAsync(string username, string password, ClientInfo client)
    {
        if (Usernames.IsValid(username)
            && await grains.Grain<IUsernameGrain>(Usernames.Normalize(username)).RecordUnknownLoginFailureAsync(client) is { } lockedFor)
        {
            return SignInResult.Locked(lockedFor);
        }

        passwords.VerifyAgainstDummy(password);
        return new SignInResult(SignInOutcome.InvalidCredentials) { UnknownName = true };
    }
}
