using System.Text.Json;
using Microsoft.Extensions.Options;
using SessionService.Api.Http;
using SessionService.Api.OAuth;
using SessionService.Api.Tokens;
using SessionService.Api.Users;
using SessionService.Api.Users.Hook;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Users;

namespace SessionService.Api.Apis;

/// <summary>
/// OAuth 2.0 over the same sign-in and sessions as <c>/auth</c>: the token endpoint (RFC 6749: <c>password</c> and
/// <c>refresh_token</c> grants through <see cref="SignIn"/>, <see cref="SessionTokens"/> and <see cref="SessionIssuing"/>,
/// so rotation, reuse, lockout, rate limits and the claims hook are those of /auth), revocation (RFC 7009) and
/// introspection (RFC 7662, for service tokens with the <c>introspect</c> scope). Errors are RFC 6749 §5.2 JSON.
/// </summary>
public static class OAuthApi
{
    /// <summary>The answer to a grant type the token endpoint does not serve.</summary>
    public const string SupportedGrantTypes = "Supported grant types: password, refresh_token.";

    public const int MaxTokenLength = 8 * 1024;
    private static readonly string[] FormTypes = ["application/x-www-form-urlencoded", "application/json", "multipart/form-data"];

    public static RouteGroupBuilder MapOAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/oauth").WithTags("OAuth 2.0").WithErrorWriter(OAuthErrorWriter.Instance);
        group.MapPost("/token", TokenAsync).Accepts<OAuthTokenRequest>(FormTypes[0], FormTypes[1..]).Produces<OAuthTokenResponse>()
            .RequireRateLimiting(RateLimits.TokenEndpoints);
        group.MapPost("/revoke", RevokeAsync).Accepts<OAuthTokenHolder>(FormTypes[0], FormTypes[1..]);
        group.MapPost("/introspect", IntrospectAsync).Accepts<OAuthTokenHolder>(FormTypes[0], FormTypes[1..])
            .RequireScope(ServiceScopes.Introspect);
        return group;
    }

    public static async Task<IResult> TokenAsync(HttpContext http, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(http.Request, cancellationToken);
        var (clientId, refused) = OAuthClient.Identify(http, fields);
        if (refused is not null)
        {
            return new ApiErrorResult(refused);
        }

        return fields.OptionalString("grant_type", 64) switch
        {
            null => Error(OAuthErrors.InvalidRequest, "grant_type is required."),
            "password" => await PasswordGrantAsync(http, fields, services, clientId),
            "refresh_token" => await RefreshGrantAsync(http, fields, services, clientId),
            _ => Error(OAuthErrors.UnsupportedGrantType, SupportedGrantTypes),
        };
    }

    /// <summary>RFC 7009: the session of a refresh token (only an authentic one, as logout) or of a valid access token is revoked; 200 whatever it was.</summary>
    public static async Task<IResult> RevokeAsync(
        HttpContext http, SessionTokens sessions, AccessTokenValidator validator, CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(http.Request, cancellationToken);
        if (OAuthClient.Identify(http, fields).Error is { } refused)
        {
            return new ApiErrorResult(refused);
        }

        var token = RequiredToken(fields);
        // The hint only saves a lookup elsewhere; both kinds are cheap to tell apart here. Read so a repeated one is refused.
        fields.OptionalString("token_type_hint", 64);
        await sessions.LogoutAsync(token);
        if (AccessTokenKind.IsDeclaredBy(token) && (await validator.ValidateAsync(token)).Identity is { } identity)
        {
            await sessions.RevokeSessionAsync(identity.UserId, identity.SessionId);
        }

        http.NoStore();
        return TypedResults.Ok();
    }

    /// <summary>RFC 7662 for a caller with a service token carrying <c>introspect</c> (see <see cref="Introspection"/>).</summary>
    public static async Task<IResult> IntrospectAsync(
        HttpContext http, AccessTokenValidator accessTokens, ServiceTokenValidator serviceTokens, IOptions<AuthOptions> options,
        CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(http.Request, cancellationToken);
        var token = RequiredToken(fields);
        fields.OptionalString("token_type_hint", 64);
        http.NoStore();
        if (AccessTokenKind.IsDeclaredBy(token))
        {
            return (await accessTokens.ValidateAsync(token)).Identity is { } access
                ? TypedResults.Ok(Introspection.ForAccessToken(access))
                : TypedResults.Ok(Introspection.Inactive);
        }

        return (await serviceTokens.ValidateAsync(token)).Identity is { } service
            ? TypedResults.Ok(Introspection.ForServiceToken(service, options.Value))
            : TypedResults.Ok(Introspection.Inactive);
    }

    private static async Task<IResult> PasswordGrantAsync(HttpContext http, RequestFields fields, AuthServices services, string? clientId)
    {
        var username = fields.RequiredString("username");
        var password = fields.RequiredString("password", Passwords.MaxLength);
        var (device, deviceName) = fields.DeviceFields();
        // RFC 6749 §3.3 lets the server ignore a requested scope: access tokens here carry roles, not scopes.
        fields.OptionalString("scope");
        var result = await services.SignIn.PasswordAsync(new SignInRequest(username, password, device, deviceName, http.ClientInfo()));
        return result.Outcome switch
        {
            SignInOutcome.Success => await IssueAsync(http, services, result.Session!, ClaimsHookCall.Login, clientId),
            SignInOutcome.Disabled => Error(ErrorCodes.AccountDisabled, "This account is disabled."),
            SignInOutcome.Locked => Error(ErrorCodes.AccountLocked, "Too many failed logins; the account is locked for now.", result.RetryAfter),
            _ => Error(ErrorCodes.InvalidCredentials, "The user name or password is wrong."),
        };
    }

    private static async Task<IResult> RefreshGrantAsync(HttpContext http, RequestFields fields, AuthServices services, string? clientId)
    {
        var refreshToken = fields.RequiredString("refresh_token");
        fields.OptionalString("scope");
        var result = await services.SessionTokens.RefreshAsync(refreshToken, http.ClientInfo());
        return result.Outcome switch
        {
            RefreshOutcome.Success => await IssueAsync(http, services, result.Session!, ClaimsHookCall.Refresh, clientId),
            RefreshOutcome.Expired => Error(ErrorCodes.ExpiredRefreshToken, "The refresh token has expired; log in again."),
            RefreshOutcome.Obsolete => Error(ErrorCodes.ObsoleteRefreshToken,
                "This refresh token was already used; its session has been revoked. Log in again."),
            _ => Error(ErrorCodes.InvalidRefreshToken, "The refresh token is not valid."),
        };
    }

    private static async Task<IResult> IssueAsync(HttpContext http, AuthServices services, IssuedSession session, string hookEvent, string? clientId)
    {
        var surfaceClaims = clientId is null ? null : new Dictionary<string, JsonElement> { ["client_id"] = JsonSerializer.SerializeToElement(clientId) };
        var issue = await services.Issuing.IssueAsync(http, session, hookEvent, surfaceClaims);
        switch (issue.Outcome)
        {
            case ClaimsHookOutcome.Denied:
                return Error(ErrorCodes.LoginDenied, issue.Reason ?? "The login was refused.");
            case ClaimsHookOutcome.Unavailable:
                return new ApiErrorResult(new ApiError(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
                    "The claims hook did not answer; try again.", TimeSpan.FromSeconds(1)));
        }

        http.NoStore();
        http.Response.Headers.Pragma = "no-cache";
        return TypedResults.Ok(new OAuthTokenResponse(issue.AccessToken!, "Bearer", issue.ExpiresIn, session.RefreshToken, issue.RefreshExpiresIn));
    }

    private static string RequiredToken(RequestFields fields) =>
        fields.OptionalString("token", MaxTokenLength) is { Length: > 0 } token ? token : throw BadInputException.Invalid("token is required.");

    /// <summary>A 400 in §5.2's envelope: an OAuth code, or ours that <see cref="OAuthErrorWriter"/> turns into one and sends along.</summary>
    private static ApiErrorResult Error(string code, string description, TimeSpan? retryAfter = null) =>
        new(new ApiError(StatusCodes.Status400BadRequest, code, description, retryAfter));
}

/// <summary>The token endpoint's form fields, for the OpenAPI document.</summary>
public sealed record OAuthTokenRequest(
    string GrantType, string? Username, string? Password, string? RefreshToken, string? ClientId, string? Device, string? DeviceName, string? Scope);

/// <summary>The revocation and introspection endpoints' form fields, for the OpenAPI document.</summary>
public sealed record OAuthTokenHolder(string Token, string? TokenTypeHint);
