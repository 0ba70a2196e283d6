namespace SessionService.Grains.Contracts;

public enum RefreshOutcome
{
    Success,
    Invalid,
    Expired,
    Obsolete,
}

[GenerateSerializer, Immutable, Alias("RefreshResult")]
public sealed record RefreshResult(
    [property: Id(0)] RefreshOutcome Outcome,
    [property: Id(1)] IssuedSession? Session = null);
