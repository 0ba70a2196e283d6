namespace SessionService.Api.Tokens;

/// <summary>The outcome of checking an access token: an identity, or a contract error code.</summary>
public readonly record struct TokenCheck(AccessTokenIdentity? Identity, string? ErrorCode, string? Detail)
{
    public static TokenCheck Fail(string code, string detail) => new(null, code, detail);
}
