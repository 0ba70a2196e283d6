using SessionService.Grains.Contracts;

namespace SessionService.Api.Routes;

/// <summary>A route token as listed (<c>GET /routes</c>) and inspected (<c>GET /routes/{id}</c>, with its recent uses).</summary>
public sealed record RouteTokenResponse(
    string Id, string Method, string Path, IReadOnlyDictionary<string, string> Query, bool ActAsMe, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, int? MaxUses, long Uses, bool Revoked, RouteUseResponse[]? RecentUses)
{
    public static RouteTokenResponse From(RouteTokenView view, bool withUses) => new(
        view.Id, view.Method, view.Path, view.Query, view.ActAsMe, view.CreatedAt, view.ExpiresAt, view.MaxUses, view.Uses, view.Revoked,
        withUses ? view.RecentUses.Select(u => new RouteUseResponse(u.At, u.Ip, u.UserAgent)).ToArray() : null);
}

public sealed record RouteUseResponse(DateTimeOffset At, string? Ip, string? UserAgent);

/// <summary>The 200 answer of <c>GET /routes/claim</c>; <see cref="User"/> only when the token acts as its issuer.</summary>
public sealed record RouteClaimResponse(
    string Id, string Method, string Path, IReadOnlyDictionary<string, string> Query, RouteUserResponse? User, long Uses, int? MaxUses,
    DateTimeOffset ExpiresAt)
{
    public static RouteClaimResponse From(RouteTokenView view) => new(
        view.Id, view.Method, view.Path, view.Query, view.ActAsMe ? new RouteUserResponse(view.OwnerId, view.OwnerName) : null,
        view.Uses, view.MaxUses, view.ExpiresAt);
}

public sealed record RouteUserResponse(string Id, string Username);
