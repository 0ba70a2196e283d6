namespace SessionService.Api.Gateway.Verification;

/// <summary>The stable error codes of gateway verification (the contract's "Gateway" section).</summary>
public static class GatewayCodes
{
    public const string NoToken = "no_token";
    public const string MultipleTokens = "multiple_tokens";
    public const string InvalidToken = "invalid_token";
    public const string MissingClaim = "missing_claim";
    public const string NoCredentials = "no_credentials";
    public const string InvalidAlgorithm = "invalid_algorithm";
    public const string InvalidSignature = "invalid_signature";
    public const string InvalidClaim = "invalid_claim";
    public const string ExpiredToken = "expired_token";
    public const string TokenNotYetValid = "token_not_yet_valid";
    public const string ExpTooFar = "exp_too_far";
}
