namespace SessionService.Api.Routes;

/// <summary>The 201 answer of <c>POST /routes</c>.</summary>
public sealed record IssuedRoute(string Id, string Token, string Url, DateTimeOffset ExpiresAt, int? MaxUses);
