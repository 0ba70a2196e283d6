using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SessionService.Api.Http;
using SessionService.Api.Users;
using SessionService.Api.Users.Hook;
using SessionService.Grains.Contracts;
using SessionService.Grains.Users;

namespace SessionService.Api.Apis;

/// <summary>Log in, rotate, validate, log out, change password.</summary>
public static class AuthApi
{
    public const int MaxDeviceLength = ClientText.MaxDeviceLength;
    private static readonly string[] FormTypes = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/auth").WithTags("Auth");
        group.MapPost("/token", LoginAsync).Accepts<TokenRequest>(FormTypes[0], FormTypes[1..]).RequireRateLimiting(RateLimits.TokenEndpoints)
            .AddEndpointFilter(CrossSiteLogins.RefuseAsync);
        group.MapPost("/refresh", RefreshAsync).Accepts<RefreshRequest>(FormTypes[0], FormTypes[1..]).RequireRateLimiting(RateLimits.TokenEndpoints)
            .AddEndpointFilter(CrossSiteLogins.RefuseAsync);
        group.MapGet("/validate", (Delegate)ValidateAsync).Produces<ValidateResponse>();
        group.MapPost("/validate", (Delegate)ValidateAsync).Produces<ValidateResponse>();
        group.MapPost("/logout", LogoutAsync).Accepts<RefreshRequest>(FormTypes[0], FormTypes[1..])
            .AddEndpointFilter(CrossSiteLogins.RefuseAsync);
        group.MapPost("/password", ChangePasswordAsync).Accepts<PasswordChangeRequest>(FormTypes[0]).RequireAuthorization(AccessTokenPolicies.Bearer);
        return group;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> LoginAsync(
        HttpContext http, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(http.Request, cancellationToken);
        var username = fields.RequiredString("username");
        var password = fields.RequiredString("password", Passwords.MaxLength);
        var (device, deviceName) = fields.DeviceFields();
        var result = await services.SignIn.PasswordAsync(new SignInRequest(username, password, device, deviceName, http.ClientInfo(), http.RefreshToken(fields)));
        return result.Outcome switch
        {
            SignInOutcome.Success => await IssueAsync(http, services, result.Session!, ClaimsHookCall.Login),
            SignInOutcome.Disabled => Problems.Create(StatusCodes.Status403Forbidden, ErrorCodes.AccountDisabled, "This account is disabled."),
            SignInOutcome.Locked => AccountLocked(http, result.RetryAfter!.Value),
            _ => InvalidCredentials(),
        };
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RefreshAsync(
        HttpContext http, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(http.Request, cancellationToken);
        var result = await services.SessionTokens.RefreshAsync(http.RefreshToken(fields), http.ClientInfo());
        if (result.Outcome == RefreshOutcome.Success)
        {
            return await IssueAsync(http, services, result.Session!, ClaimsHookCall.Refresh);
        }

        http.ClearRefreshCookie();
        return result.Outcome switch
        {
            RefreshOutcome.Expired => Problems.TokenRejected(http, ErrorCodes.ExpiredRefreshToken, "The refresh token has expired; log in again."),
            RefreshOutcome.Obsolete => Problems.TokenRejected(http, ErrorCodes.ObsoleteRefreshToken,
                "This refresh token was already used; its session has been revoked. Log in again."),
            _ => Problems.TokenRejected(http, ErrorCodes.InvalidRefreshToken, "The refresh token is not valid."),
        };
    }

    /// <summary>Answers with a <see cref="ValidateResponse"/>, serialized once per token.</summary>
    public static async Task<Results<JsonBytesResult, ProblemHttpResult>> ValidateAsync(HttpContext http)
    {
        var check = await http.CheckBearerAsync();
        if (check.Identity is not { } identity)
        {
            return Problems.TokenRejected(http, check.ErrorCode!, check.Detail!);
        }

        http.NoStore();
        identity.ValidateBody ??= JsonSerializer.SerializeToUtf8Bytes(
            new ValidateResponse(true, identity.UserId, identity.SessionId, identity.ExpiresAt, identity.Claims),
            http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
        return new JsonBytesResult(identity.ValidateBody);
    }

    /// <summary>Revokes the session of the presented access token and/or refresh token. Always 204.</summary>
    public static async Task<NoContent> LogoutAsync(HttpContext http, SessionTokens sessions, CancellationToken cancellationToken)
    {
        if (http.Request.BearerToken() is not null && (await http.CheckBearerAsync()).Identity is { } identity)
        {
            await sessions.RevokeSessionAsync(identity.UserId, identity.SessionId);
        }

        var fields = await RequestFields.ReadAsync(http.Request, cancellationToken);
        await sessions.LogoutAsync(http.RefreshToken(fields));
        http.ClearRefreshCookie();
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ChangePasswordAsync(
        HttpContext http, SignIn signIn, CancellationToken cancellationToken)
    {
        var identity = http.Identity();
        var fields = await RequestFields.ReadAsync(http.Request, cancellationToken);
        var current = fields.RequiredString("current_password", Passwords.MaxLength);
        var next = fields.RequiredString("new_password");
        var verdict = await signIn.ChangePasswordAsync(identity.UserId, new PasswordChangeAttempt(
            current, next, identity.SessionId, http.ClientInfo(), identity.Username));
        return verdict?.Outcome switch
        {
            null => Problems.TokenRejected(http, ErrorCodes.UserNotFound, "The user no longer exists."),
            PasswordChangeOutcome.Changed => TypedResults.NoContent(),
            PasswordChangeOutcome.Locked => AccountLocked(http, verdict.RetryAfter ?? SignInResult.MinimumRetryAfter),
            PasswordChangeOutcome.WeakPassword => Problems.BadRequest(ErrorCodes.WeakPassword, verdict.Detail!),
            _ => InvalidCredentials(),
        };
    }

    private static ProblemHttpResult AccountLocked(HttpContext http, TimeSpan retryAfter) =>
        Problems.WithRetryAfter(http, StatusCodes.Status423Locked, ErrorCodes.AccountLocked,
            "Too many failed logins; the account is locked for now.", retryAfter);

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueAsync(
        HttpContext http, AuthServices services, IssuedSession session, string hookEvent)
    {
        var issue = await services.Issuing.IssueAsync(http, session, hookEvent);
        switch (issue.Outcome)
        {
            case ClaimsHookOutcome.Denied:
                return Problems.Create(StatusCodes.Status403Forbidden, ErrorCodes.LoginDenied, issue.Reason ?? "The login was refused.");
            case ClaimsHookOutcome.Unavailable:
                return Problems.WithRetryAfter(http, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
                    "The claims hook did not answer; try again.", TimeSpan.FromSeconds(1));
        }

        http.SetRefreshCookie(session.RefreshToken, session.ExpiresAt);
        http.NoStore();
        return TypedResults.Ok(new TokenResponse(issue.AccessToken!, "Bearer", issue.ExpiresIn, session.RefreshToken,
            issue.RefreshExpiresIn, session.Device, UserSummary.From(session.User)));
    }

    private static ProblemHttpResult InvalidCredentials() =>
        Problems.Create(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, "The user name or password is wrong.");
}
