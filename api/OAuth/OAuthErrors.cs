namespace SessionService.Api.OAuth;

/// <summary>The RFC 6749 §5.2, RFC 6750 §3.1 and RFC 7009 error codes the <c>/oauth</c> endpoints answer.</summary>
public static class OAuthErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string InvalidScope = "invalid_scope";
    public const string InvalidToken = "invalid_token";
    public const string InsufficientScope = "insufficient_scope";
    public const string UnsupportedTokenType = "unsupported_token_type";

    /// <summary>Not in §5.2 (it is the authorization endpoint's), but what OAuth clients know for "try again later".</summary>
    public const string TemporarilyUnavailable = "temporarily_unavailable";

    public const string ServerError = "server_error";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        InvalidRequest, InvalidClient, InvalidGrant, UnauthorizedClient, UnsupportedGrantType, InvalidScope,
        InvalidToken, InsufficientScope, UnsupportedTokenType, TemporarilyUnavailable, ServerError,
    };
}
