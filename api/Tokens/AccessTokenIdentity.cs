using System.Text.Json;

namespace SessionService.Api.Tokens;

/// <summary>Who a valid access token speaks for.</summary>
public sealed record AccessTokenIdentity(
    string UserId,
    string SessionId,
    string? Username,
    IReadOnlyList<string> Roles,
    long ExpiresAt,
    long NotBefore,
    JsonElement Claims)
{
    public bool IsAdmin => Roles.Contains("admin");

    /// <summary>
    /// The body of a successful /auth/validate answer, rendered on first use: it never changes for one
    /// token, and clients present the same token for minutes.
    /// </summary>
    public byte[]? ValidateBody { get; set; }

    /// <summary>The authentication scheme's principal, built on first use for the same reason.</summary>
    public System.Security.Claims.ClaimsPrincipal? Principal { get; set; }
}
