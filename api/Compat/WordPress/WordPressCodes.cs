namespace SessionService.Api.Compat.WordPress;

/// <summary>
/// The codes the WordPress JWT Auth plugin (and WordPress core, <c>rest_*</c>) answers with, as clients of
/// the plugin match them. Lockouts, rate limits and the like keep this service's own codes.
/// </summary>
public static class WordPressCodes
{
    public const string ValidCredential = "jwt_auth_valid_credential";
    public const string ValidToken = "jwt_auth_valid_token";
    public const string MissingCredentials = "jwt_auth_missing_credentials";
    public const string NoAuthHeader = "jwt_auth_no_auth_header";
    public const string BadAuthHeader = "jwt_auth_bad_auth_header";
    public const string NoAuthCookie = "jwt_auth_no_auth_cookie";
    public const string CustomAuthFailed = "jwt_auth_custom_auth_failed";
    public const string InvalidToken = "jwt_auth_invalid_token";
    public const string BadIssuer = "jwt_auth_bad_iss";
    public const string BadRequest = "jwt_auth_bad_request";
    public const string ObsoleteToken = "jwt_auth_obsolete_token";
    public const string ObsoleteRefreshToken = "jwt_auth_obsolete_refresh_token";
    public const string ExpiredRefreshToken = "jwt_auth_expired_refresh_token";
    public const string InvalidRefreshToken = "jwt_auth_invalid_refresh_token";
    public const string EmptyUsername = "empty_username";
    public const string EmptyPassword = "empty_password";
    public const string InvalidEmail = "invalid_email";
    public const string InvalidUsername = "invalid_username";
    public const string IncorrectPassword = "incorrect_password";
    public const string RestInvalidJson = "rest_invalid_json";
    public const string RestNoRoute = "rest_no_route";

    /// <summary>WordPress core's own errors, answered in core's shape rather than the plugin's.</summary>
    public static bool IsCore(string code) => code.StartsWith("rest_", StringComparison.Ordinal);
}
