using SessionService.Api.Http;
using SessionService.Api.Tokens;
using SessionService.Api.Users.Hook;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Users;

/// <summary>The access token of a session the user grain has just issued (at login or refresh), or why not.</summary>
public sealed record SessionIssue(ClaimsHookOutcome Outcome, string? AccessToken, long ExpiresIn, long RefreshExpiresIn, string? Reason);

/// <summary>
/// Turns a session the user grain issued into an access token, asking the claims hook first. Every token
/// endpoint goes through here, so the hook sees every token whatever surface asked for it. A session the
/// hook refused, or one made by a login the hook left unanswered, is revoked: its refresh token is never
/// handed out. A refresh left unanswered keeps its rotation, so the client's retry with the same token
/// inside the grace window gets the same pair.
/// </summary>
public sealed class SessionIssuing(ClaimsHook hook, AccessTokenIssuer issuer, SessionTokens sessions)
{
    /// <param name="surfaceClaims">Claims a compatibility surface adds after the hook's (Flask-JWT's <c>identity</c>).</param>
    /// <param name="lifetime">The surface's own, shorter access token lifetime.</param>
    public async Task<SessionIssue> IssueAsync(HttpContext http, IssuedSession session, string hookEvent,
        IReadOnlyDictionary<string, System.Text.Json.JsonElement>? surfaceClaims = null, TimeSpan? lifetime = null)
    {
        var verdict = await hook.AskAsync(new ClaimsHookCall(
            hookEvent,
            new ClaimsHookUser(session.User.Id, session.User.Username, session.User.Roles),
            new ClaimsHookSession(session.SessionId, session.Device),
            new ClaimsHookClient(http.Connection.RemoteIpAddress?.ToString(), http.ClientInfo().UserAgent)), session.User.Claims, http.RequestAborted);
        if (verdict.Outcome == ClaimsHookOutcome.Denied || (verdict.Outcome == ClaimsHookOutcome.Unavailable && hookEvent == ClaimsHookCall.Login))
        {
            await sessions.RevokeSessionAsync(session.User.Id, session.SessionId);
        }

        if (verdict.Outcome != ClaimsHookOutcome.Issue)
        {
            return new SessionIssue(verdict.Outcome, null, 0, 0, verdict.Reason);
        }

        var claims = verdict.Claims;
        if (surfaceClaims is not null)
        {
            var merged = new Dictionary<string, System.Text.Json.JsonElement>(claims ?? new Dictionary<string, System.Text.Json.JsonElement>());
            foreach (var (name, value) in surfaceClaims)
            {
                merged[name] = value;
            }

            claims = merged;
        }

        var (accessToken, expiresIn, refreshExpiresIn) = issuer.Issue(session, claims, lifetime);
        return new SessionIssue(ClaimsHookOutcome.Issue, accessToken, expiresIn, refreshExpiresIn, null);
    }
}
