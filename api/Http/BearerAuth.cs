using SessionService.Api.Tokens;

namespace SessionService.Api.Http;

/// <summary>
/// Reading the bearer token of a request, and the identity the "AccessToken" scheme established for it
/// (see <see cref="AccessTokenPolicies"/>).
/// </summary>
public static class BearerAuth
{
    public static readonly (string Code, string Detail) Missing =
        (ErrorCodes.NoAuthHeader, "Send the access token as 'Authorization: Bearer <token>'.");

    /// <summary>The caller of an endpoint that requires an access-token policy.</summary>
    public static AccessTokenIdentity Identity(this HttpContext http) =>
        http.Features.Get<AccessTokenIdentity>()
        ?? throw new InvalidOperationException("No access token identity: the endpoint lacks an access-token authorization policy.");

    /// <summary>The token of an <c>Authorization: Bearer</c> header, or null when there is none.</summary>
    public static string? BearerToken(this HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = value.AsSpan(7).Trim();
        return token.IsEmpty ? null : token.ToString();
    }

    /// <summary>Checks the request's bearer token without the authentication scheme (the /auth/validate fast path).</summary>
    public static async Task<TokenCheck> CheckBearerAsync(this HttpContext http) =>
        http.Request.BearerToken() is { } token
            ? await http.RequestServices.GetRequiredService<AccessTokenValidator>().ValidateAsync(token)
            : TokenCheck.Fail(Missing.Code, Missing.Detail);
}
