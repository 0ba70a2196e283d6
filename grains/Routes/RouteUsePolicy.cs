using SessionService.Grains.Contracts;

namespace SessionService.Grains.Routes;

/// <summary>The use rules of a route token, without storage or other grains (the issuer check is the grain's).</summary>
public static class RouteUsePolicy
{
    /// <summary>The newest uses kept in detail; the count covers every use.</summary>
    public const int MaxRecordedUses = 100;

    /// <summary>Why the token cannot be used now, or null when it can (subject to the issuer check).</summary>
    public static RouteUseOutcome? Refusal(RouteTokenState state, DateTimeOffset now) => state switch
    {
        { Token: null } => RouteUseOutcome.Unknown,
        { Revoked: true } => RouteUseOutcome.Revoked,
        _ when now >= state.Token.ExpiresAt => RouteUseOutcome.Expired,
        _ when state.Token.MaxUses is { } max && state.Uses >= max => RouteUseOutcome.UsedUp,
        _ => null,
    };

    public static RouteTokenState AfterUse(RouteTokenState state, RouteUseRecord use)
    {
        var recent = state.RecentUses.Insert(0, use);
        if (recent.Count > MaxRecordedUses)
        {
            recent = recent.RemoveRange(MaxRecordedUses, recent.Count - MaxRecordedUses);
        }

        return state with { Uses = state.Uses + 1, RecentUses = recent };
    }
}
