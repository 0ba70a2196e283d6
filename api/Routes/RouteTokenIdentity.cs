namespace SessionService.Api.Routes;

/// <summary>What a verified route token says: its id (<c>jti</c>), what it is bound to, and whom it acts as.</summary>
public sealed record RouteTokenIdentity(
    string Id,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    string? IssuerId,
    long ExpiresAt);
