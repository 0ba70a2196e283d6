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
    public async Task<SessionIssue> IssueAsync(HttpContext http, IssuedSession session, string hookEvent)
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

        var (accessToken, expiresIn, refreshExpiresIn) = issuer.Issue(session, verdict.Claims);
        return new SessionIssue(ClaimsHookOutcome.Issue, accessToken, expiresIn, refreshExpiresIn, null);
    }
}
