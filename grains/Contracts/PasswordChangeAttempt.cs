namespace SessionService.Grains.Contracts;

public enum PasswordChangeOutcome
{
    Changed,
    InvalidCredentials,
    Locked,
    WeakPassword,
}

/// <summary>A signed-in user's request to replace their password; the current one is checked as a login's is.</summary>
[GenerateSerializer, Immutable, Alias("PasswordChangeAttempt")]
public sealed record PasswordChangeAttempt(
    [property: Id(0)] string CurrentPassword,
    [property: Id(1)] string NewPassword,
    [property: Id(2)] string? KeepSessionId,
    [property: Id(3)] ClientInfo Client,
    [property: Id(4)] string? AttemptedName = null);

/// <summary><see cref="RetryAfter"/> comes with <see cref="PasswordChangeOutcome.Locked"/>, <see cref="Detail"/> with <see cref="PasswordChangeOutcome.WeakPassword"/>.</summary>
[GenerateSerializer, Immutable, Alias("PasswordChangeVerdict")]
public sealed record PasswordChangeVerdict(
    [property: Id(0)] PasswordChangeOutcome Outcome,
    [property: Id(1)] TimeSpan? RetryAfter = null,
    [property: Id(2)] string? Detail = null);
