using System.Text.Json.Serialization;
using SessionService.Api.Http;

namespace SessionService.Api.OAuth;

/// <summary>
/// RFC 6749 §5.2's envelope, <c>{"error", "error_description"}</c> as <c>application/json</c>, for every error on
/// <c>/oauth</c>, ours included: an OAuth code stays; a refused login or refresh token (ours: invalid_credentials,
/// account_locked, obsolete_refresh_token, ...) is <c>invalid_grant</c>; a token refused by the service-token scheme is
/// <c>invalid_token</c>; 429 and 503 are <c>temporarily_unavailable</c> (with <c>Retry-After</c>); other bad input
/// is <c>invalid_request</c>. Our own code goes along as <c>code</c> when it says more.
/// </summary>
public sealed class OAuthErrorWriter : IErrorWriter
{
    public static readonly OAuthErrorWriter Instance = new();

    private static readonly IReadOnlySet<string> RefusedGrants = new HashSet<string>(StringComparer.Ordinal)
    {
        ErrorCodes.InvalidCredentials, ErrorCodes.AccountDisabled, ErrorCodes.AccountLocked, ErrorCodes.LoginDenied,
        ErrorCodes.InvalidRefreshToken, ErrorCodes.ExpiredRefreshToken, ErrorCodes.ObsoleteRefreshToken,
    };

    public Task WriteAsync(HttpContext http, ApiError error)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        var oauth = OAuthErrors.All.Contains(error.Code) ? error.Code
            : RefusedGrants.Contains(error.Code) ? OAuthErrors.InvalidGrant
            : error.Status == StatusCodes.Status401Unauthorized ? OAuthErrors.InvalidToken
            : error.Status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable ? OAuthErrors.TemporarilyUnavailable
            : error.Status >= 500 ? OAuthErrors.ServerError
            : OAuthErrors.InvalidRequest;
        return http.Response.WriteAsJsonAsync(
            new OAuthError(oauth, Describe(error.Detail), oauth == error.Code ? null : error.Code), http.RequestAborted);
    }

    /// <summary>RFC 6749 §5.2 allows printable ASCII other than <c>"</c> and <c>\</c> in <c>error_description</c>.</summary>
    private static string Describe(string detail) =>
        string.Concat(detail.Select(c => c switch
        {
            '"' => '\'',
            '\\' => '/',
            >= ' ' and <= '~' => c,
            _ => '?',
        }));
}

/// <summary>The body of an RFC 6749 §5.2 error.</summary>
public sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription,
    [property: JsonPropertyName("code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code = null);
