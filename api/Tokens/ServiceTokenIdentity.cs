namespace SessionService.Api.Tokens;

/// <summary>Who a valid service token speaks for, and what it may do here.</summary>
public sealed record ServiceTokenIdentity(string? Subject, IReadOnlySet<string> Scopes, long ExpiresAt, long NotBefore)
{
    /// <summary>The authentication scheme's principal, built on first use (a resource server presents one token for its whole life).</summary>
    public System.Security.Claims.ClaimsPrincipal? Principal { get; set; }
}
