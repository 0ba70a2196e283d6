namespace SessionService.Api.Gateway.Verification;

/// <summary>
/// Kong's JWT plugin wording for each failure (kong/plugins/jwt/handler.lua and jwt_parser.lua), so that
/// Kong users recognise the messages. Kong answers claim errors as <c>{"exp": "must be a number"}</c>;
/// a single message names the claim instead.
/// </summary>
public static class KongMessages
{
    public const string NoToken = "Unauthorized";
    public const string MultipleTokens = "Multiple tokens provided";
    public const string InvalidToken = "Bad token; invalid JSON";
    public const string InvalidAlgorithm = "Invalid algorithm";
    public const string InvalidSignature = "Invalid signature";
    public const string TokenExpired = "token expired";
    public const string TokenNotValidYet = "token not valid yet";
    public const string ExpTooFar = "exceeds maximum allowed expiration";

    public static string MissingClaim(string claim) => $"No mandatory '{claim}' in claims";

    public static string InvalidKeyClaim(string claim) => $"Invalid '{claim}' in claims";

    public static string NoCredentials(string claim) => $"No credentials found for given '{claim}'";

    public static string NotANumber(string claim) => $"The {claim} claim must be a number";
}
