namespace SessionService.Api.Gateway.Verification;

public enum TokenSearchOutcome
{
    Found,
    NoToken,
    MultipleTokens,
}

/// <summary>What <see cref="GatewayTokenLocator"/> found in a request: one token, none, or differing ones.</summary>
public readonly record struct TokenSearch(TokenSearchOutcome Outcome, string? Token)
{
    public static readonly TokenSearch None = new(TokenSearchOutcome.NoToken, null);

    public static readonly TokenSearch Multiple = new(TokenSearchOutcome.MultipleTokens, null);

    public static TokenSearch Found(string token) => new(TokenSearchOutcome.Found, token);
}
