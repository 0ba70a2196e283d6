namespace SessionService.Grains.Contracts;

[GenerateSerializer, Alias("RouteUseOutcome")]
public enum RouteUseOutcome
{
    Granted,
    Unknown,
    Revoked,
    Expired,
    UsedUp,

    /// <summary>The token acts as its issuer, who is gone, disabled, or has changed password since.</summary>
    IssuerGone,
}

/// <summary>A use decision; <see cref="Token"/> (after the use when granted) is set whenever the token exists.</summary>
[GenerateSerializer, Immutable, Alias("RouteUseResult")]
public sealed record RouteUseResult(
    [property: Id(0)] RouteUseOutcome Outcome,
    [property: Id(1)] RouteTokenView? Token);
