namespace SessionService.Grains.Contracts;

public enum LoginOutcome
{
    Success,
    InvalidCredentials,
    Disabled,
    Locked,
}

[GenerateSerializer, Immutable, Alias("LoginResult")]
public sealed record LoginResult(
    [property: Id(0)] LoginOutcome Outcome,
    [property: Id(1)] IssuedSession? Session = null,
    [property: Id(2)] TimeSpan? RetryAfter = null);
