using System.Text.Json;

namespace SessionService.Api.Users.Hook;

public enum ClaimsHookOutcome
{
    /// <summary>Issue, with <see cref="ClaimsHookVerdict.Claims"/> added (none when there is no hook, or it failed under Omit).</summary>
    Issue,

    /// <summary>The hook refused the login: 403 <c>login_denied</c>.</summary>
    Denied,

    /// <summary>The hook did not answer usably and <c>OnFailure</c> is Deny: 503.</summary>
    Unavailable,
}

public sealed record ClaimsHookVerdict(ClaimsHookOutcome Outcome, IReadOnlyDictionary<string, JsonElement> Claims, string? Reason)
{
    public static readonly ClaimsHookVerdict Nothing = new(ClaimsHookOutcome.Issue, new Dictionary<string, JsonElement>(), null);

    public static readonly ClaimsHookVerdict Unavailable = new(ClaimsHookOutcome.Unavailable, new Dictionary<string, JsonElement>(), null);

    public static ClaimsHookVerdict Deny(string? reason) => new(ClaimsHookOutcome.Denied, new Dictionary<string, JsonElement>(), reason);
}
