namespace SessionService.Api.Http;

/// <summary>The stable machine codes of the HTTP contract.</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string PayloadTooLarge = "payload_too_large";
    public const string HeadersTooLarge = "headers_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string InvalidCredentials = "invalid_credentials";
    public const string AccountDisabled = "account_disabled";
    public const string AccountLocked = "account_locked";
    public const string RateLimited = "rate_limited";
    public const string InvalidRefreshToken = "invalid_refresh_token";
    public const string ExpiredRefreshToken = "expired_refresh_token";
    public const string ObsoleteRefreshToken = "obsolete_refresh_token";
    public const string NoAuthHeader = "no_auth_header";
    public const string InvalidToken = "invalid_token";
    public const string ExpiredToken = "expired_token";
    public const string BadIssuer = "bad_iss";
    public const string BadAudience = "bad_aud";
    public const string ObsoleteToken = "obsolete_token";
    public const string UserNotFound = "user_not_found";
    public const string SessionNotFound = "session_not_found";
    public const string WeakPassword = "weak_password";
    public const string InvalidUsername = "invalid_username";
    public const string UsernameTaken = "username_taken";
    public const string NumberTaken = "number_taken";
    public const string UnsupportedHash = "unsupported_hash";
    public const string Forbidden = "forbidden";
    public const string InsufficientScope = "insufficient_scope";
    public const string CrossSiteRequest = "cross_site_request";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string RotationUnavailable = "rotation_unavailable";
    public const string ServiceUnavailable = "service_unavailable";
    public const string InternalError = "internal_error";
    public const string ConsumerExists = "consumer_exists";
    public const string ConsumerNotFound = "consumer_not_found";
    public const string CredentialExists = "credential_exists";
    public const string CredentialNotFound = "credential_not_found";
    public const string WeakSecret = "weak_secret";
    public const string InvalidKey = "invalid_key";
    public const string LoginDenied = "login_denied";
    public const string InvalidRouteToken = "invalid_route_token";
    public const string RouteMismatch = "route_mismatch";
    public const string RouteTokenUsedUp = "route_token_used_up";
    public const string RouteTokenNotFound = "route_token_not_found";
}
