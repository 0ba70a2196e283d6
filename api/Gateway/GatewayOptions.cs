namespace SessionService.Api.Gateway;

/// <summary>
/// <c>Gateway:*</c>: how <c>/gateway/verify</c> and the built-in proxy find and judge consumer tokens.
/// List options are comma-separated strings (an empty string is an empty list), as the contract says.
/// </summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    public string UriParamNames { get; set; } = "jwt";

    public string CookieNames { get; set; } = "";

    public string HeaderNames { get; set; } = "Authorization";

    /// <summary>The claim naming the credential's key, looked up in the claims, then in the header.</summary>
    public string KeyClaimName { get; set; } = "iss";

    public string ClaimsToVerify { get; set; } = "exp,nbf";

    /// <summary>Leeway in seconds for <c>exp</c> and <c>nbf</c>.</summary>
    public int ClockSkew { get; set; }

    /// <summary>Seconds a token's <c>exp</c> may lie ahead of now; 0 turns the check off. Needs <c>exp</c> verified.</summary>
    public int MaximumExpiration { get; set; }

    /// <summary>HS secrets are given (on creation and import) as base64 and used decoded.</summary>
    public bool SecretIsBase64 { get; set; }

    /// <summary>A consumer's username: a request that fails verification passes as this consumer.</summary>
    public string? Anonymous { get; set; }

    public bool RunOnPreflight { get; set; } = true;

    /// <summary>This service's own access tokens are accepted too (full validation, revocation included).</summary>
    public bool AcceptAccessTokens { get; set; }

    public List<GatewayRoute> Routes { get; set; } = [];

    public IReadOnlyList<string> UriParamNameList => ListOf(UriParamNames);

    public IReadOnlyList<string> CookieNameList => ListOf(CookieNames);

    public IReadOnlyList<string> HeaderNameList => ListOf(HeaderNames);

    public IReadOnlyList<string> ClaimsToVerifyList => ListOf(ClaimsToVerify);

    public bool VerifiesExp => ClaimsToVerifyList.Contains("exp");

    public bool VerifiesNbf => ClaimsToVerifyList.Contains("nbf");

    public static IReadOnlyList<string> ListOf(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>One route of the built-in proxy: an ASP.NET Core route pattern and the base URL it forwards to.</summary>
public sealed class GatewayRoute
{
    public string Path { get; set; } = "";

    public string Upstream { get; set; } = "";
}
