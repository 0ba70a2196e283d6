namespace SessionService.Api.Http;

/// <summary>Authorization policies over the "AccessToken" scheme, applied with <c>RequireAuthorization</c> on route groups.</summary>
public static class AccessTokenPolicies
{
    /// <summary>A valid access token whose session is alive.</summary>
    public const string Bearer = "Bearer";

    /// <summary>As <see cref="Bearer"/>, and the token carries the admin role.</summary>
    public const string Admin = "Admin";

    public const string AdminRole = "admin";
}
