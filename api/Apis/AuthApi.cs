using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SessionService.Api.Http;
using SessionService.Api.Users;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Tokens;

namespace SessionService.Api.Apis;

/// <summary>Log in, rotate, validate, log out, change password.</summary>
public static class AuthApi
{
    public const int MaxDeviceLength = 128;
    private static readonly string[] FormTypes = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/auth").WithTags("Auth");
        group.MapPost("/token", LoginAsync).Accepts<TokenRequest>(FormTypes[0], FormTypes[1..]).RequireRateLimiting(RateLimits.TokenEndpoints);
        group.MapPost("/refresh", RefreshAsync).Accepts<RefreshRequest>(FormTypes[0], FormTypes[1..]).RequireRateLimiting(RateLimits.TokenEndpoints);
        group.MapGet("/validate", (Delegate)ValidateAsync).Produces<ValidateResponse>();
        group.MapPost("/validate", (Delegate)ValidateAsync).Produces<ValidateResponse>();
        group.MapPost("/logout", LogoutAsync).Accepts<RefreshRequest>(FormTypes[0], FormTypes[1..]);
        group.MapPost("/password", ChangePasswordAsync).Accepts<PasswordChangeRequest>(FormTypes[0]).RequireAuthorization(AccessTokenPolicies.Bearer);
        return group;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> LoginAsync(
        HttpContext http, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(http.Request, cancellationToken);
        var username = fields.RequiredString("username");
        var password = fields.RequiredString("password", Passwords.MaxLength);
        var device = fields.OptionalString("device", MaxDeviceLength);
        var deviceName = fields.OptionalString("device_name", MaxDeviceLength);
        if (device is { Length: 0 })
        {
            return Problems.BadRequest(ErrorCodes.InvalidRequest, "Field 'device' must not be empty.");
        }

        var userId = await services.Accounts.FindIdAsync(username);
        var user = userId is null ? null : services.Grains.GetGrain<IUserGrain>(userId);
        var ticket = user is null ? null : await user.BeginLoginAsync();
        if (user is null || ticket is not { Exists: true })
        {
            return await UnknownUserAsync(http, services, username, password);
        }

        var check = ticket.LockedFor is null ? services.Passwords.Check(ticket.PasswordHash, password) : PasswordVerificationResult.Failed;
        var upgradedHash = check == PasswordVerificationResult.SuccessRehashNeeded ? services.Passwords.Hash(password) : null;
        var result = await user.CompleteLoginAsync(new LoginCompletion(
            check != PasswordVerificationResult.Failed, ticket.SecurityStamp, device, deviceName, http.ClientInfo(), username, upgradedHash));
        return result.Outcome switch
        {
            LoginOutcome.Success => Issue(http, services, result.Session!),
            LoginOutcome.Disabled => Problems.Create(StatusCodes.Status403Forbidden, ErrorCodes.AccountDisabled, "This account is disabled."),
            LoginOutcome.Locked => AccountLocked(http, result.RetryAfter ?? TimeSpan.FromSeconds(1)),
            _ => InvalidCredentials(),
        };
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RefreshAsync(
        HttpContext http, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(http.Request, cancellationToken);
        var token = fields.OptionalString("refresh_token") ?? http.Request.Cookies[ClientRequest.RefreshCookie];
        var result = RefreshToken.TryParse(token, out var parsed)
            ? await services.Grains.GetGrain<IUserGrain>(parsed.UserId).RefreshAsync(token!, http.ClientInfo())
            : new RefreshResult(RefreshOutcome.Invalid);
        if (result.Outcome == RefreshOutcome.Success)
        {
            return Issue(http, services, result.Session!);
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
    public static async Task<NoContent> LogoutAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (http.Request.BearerToken() is not null && (await http.CheckBearerAsync()).Identity is { } identity)
        {
            await grains.GetGrain<IUserGrain>(identity.UserId).RevokeSessionAsync(identity.SessionId);
        }

        var fields = await RequestFields.ReadAsync(http.Request, cancellationToken);
        var token = fields.OptionalString("refresh_token") ?? http.Request.Cookies[ClientRequest.RefreshCookie];
        if (RefreshToken.TryParse(token, out var parsed))
        {
            await grains.GetGrain<IUserGrain>(parsed.UserId).LogoutWithRefreshTokenAsync(token!);
        }

        http.ClearRefreshCookie();
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ChangePasswordAsync(
        HttpContext http, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        var identity = http.Identity();
        var fields = await RequestFields.ReadAsync(http.Request, cancellationToken);
        var current = fields.RequiredString("current_password", Passwords.MaxLength);
        var next = fields.RequiredString("new_password");
        var user = services.Grains.GetGrain<IUserGrain>(identity.UserId);
        var ticket = await user.BeginLoginAsync();
        if (!ticket.Exists)
        {
            return Problems.TokenRejected(http, ErrorCodes.UserNotFound, "The user no longer exists.");
        }

        if (ticket.LockedFor is { } lockedFor)
        {
            return AccountLocked(http, lockedFor);
        }

        if (!services.Passwords.Verify(ticket.PasswordHash, current))
        {
            // A stolen access token must not allow guessing the password here without the lockout.
            var failed = await user.CompleteLoginAsync(new LoginCompletion(false, ticket.SecurityStamp, null, null, http.ClientInfo(), identity.Username));
            return failed.Outcome == LoginOutcome.Locked ? AccountLocked(http, failed.RetryAfter ?? TimeSpan.FromSeconds(1)) : InvalidCredentials();
        }

        if (Passwords.Weakness(next, identity.Username) is { } weakness)
        {
            return Problems.BadRequest(ErrorCodes.WeakPassword, weakness);
        }

        return await user.ChangePasswordAsync(ticket.SecurityStamp, services.Passwords.Hash(next), identity.SessionId)
            ? TypedResults.NoContent()
            : InvalidCredentials();
    }

    /// <summary>
    /// Answers exactly as for a real account with a wrong password, including lockouts: the name's
    /// failures are counted under the same rule, and the password is checked against a dummy hash.
    /// </summary>
    private static async Task<ProblemHttpResult> UnknownUserAsync(HttpContext http, AuthServices services, string username, string password)
    {
        if (Usernames.IsValid(username)
            && await services.Grains.GetGrain<IUsernameGrain>(Usernames.Normalize(username)).RecordUnknownLoginFailureAsync() is { } lockedFor)
        {
            return AccountLocked(http, lockedFor);
        }

        services.Passwords.VerifyAgainstDummy(password);
        return InvalidCredentials();
    }

    private static ProblemHttpResult AccountLocked(HttpContext http, TimeSpan retryAfter) =>
        Problems.WithRetryAfter(http, StatusCodes.Status423Locked, ErrorCodes.AccountLocked,
            "Too many failed logins; the account is locked for now.", retryAfter);

    private static Ok<TokenResponse> Issue(HttpContext http, AuthServices services, IssuedSession session)
    {
        var (accessToken, expiresIn, refreshExpiresIn) = services.Issuer.Issue(session);
        http.SetRefreshCookie(session.RefreshToken, session.ExpiresAt);
        http.NoStore();
        return TypedResults.Ok(new TokenResponse(accessToken, "Bearer", expiresIn, session.RefreshToken,
            refreshExpiresIn, session.Device, UserSummary.From(session.User)));
    }

    private static ProblemHttpResult InvalidCredentials() =>
        Problems.Create(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, "The user name or password is wrong.");
}
