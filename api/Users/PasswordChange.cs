using SessionService.Grains.Contracts;

namespace SessionService.Api.Users;

/// <summary>A signed-in user's password change; <see cref="KeepSessionId"/> is the session that stays.</summary>
public sealed record PasswordChange(
    string UserId, string? Username, string CurrentPassword, string NewPassword, string? KeepSessionId, ClientInfo Client);

public enum PasswordChangeStatus
{
    Changed,
    UserNotFound,
    Locked,
    InvalidCredentials,
    WeakPassword,
}

/// <summary>What a password change came to; <see cref="Detail"/> says why a password is weak.</summary>
public sealed record PasswordChangeResult(PasswordChangeStatus Outcome, TimeSpan? RetryAfter = null, string? Detail = null)
{
    public static PasswordChangeResult Locked(TimeSpan? retryAfter) =>
        new(PasswordChangeStatus.Locked, retryAfter ?? SignInResult.MinimumRetryAfter);
}
