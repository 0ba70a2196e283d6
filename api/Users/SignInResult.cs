using SessionService.Grains.Contracts;

namespace SessionService.Api.Users;

public enum SignInOutcome
{
    Success,
    InvalidCredentials,
    Disabled,
    Locked,
}

/// <summary>What a login came to; <see cref="RetryAfter"/> is set for <see cref="SignInOutcome.Locked"/>.</summary>
public sealed record SignInResult(SignInOutcome Outcome, IssuedSession? Session = null, TimeSpan? RetryAfter = null)
{
    /// <summary>
    /// No account has the name. Every surface of ours answers it exactly as a wrong password; only a
    /// compatibility surface that was told to reveal it (Compat:WordPress:RevealUnknownUsers) looks.
    /// </summary>
    public bool UnknownName { get; init; }

    /// <summary>The name given was taken as an email address (a surface with <see cref="SignInRequest.AllowEmail"/>).</summary>
    public bool ByEmail { get; init; }

    /// <summary>A lockout always names a wait, so a client never retries at once.</summary>
    public static readonly TimeSpan MinimumRetryAfter = TimeSpan.FromSeconds(1);

    public static SignInResult Success(IssuedSession session) => new(SignInOutcome.Success, session);

    public static SignInResult Locked(TimeSpan? retryAfter) => new(SignInOutcome.Locked, RetryAfter: retryAfter ?? MinimumRetryAfter);
}
