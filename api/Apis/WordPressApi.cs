using System.Text.Json;
using Microsoft.Extensions.Options;
using SessionService.Api.Compat.WordPress;
using SessionService.Api.Http;
using SessionService.Api.Users;
using SessionService.Api.Users.Hook;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Tokens;
using SessionService.Grains.Users;

namespace SessionService.Api.Apis;

/// <summary>
/// The WordPress JWT Auth plugin's three routes (<c>Compat:WordPress</c>): an adapter over <see cref="SignIn"/>,
/// the user grain's device slots and <see cref="SessionIssuing"/>, answering in the plugin's envelope.
/// </summary>
public static class WordPressApi
{
    public const string RestRoot = "/wp-json";

    /// <summary>The plugin's own lifetime; Auth:AccessTokenLifetime caps it.</summary>
    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(10);

    public static RouteGroupBuilder MapWordPressApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(RestRoot).WithTags("WordPress JWT Auth").WithErrorWriter(WordPressErrorWriter.Instance);
        group.MapPost("/jwt-auth/v1/token", TokenAsync)
            .RequireRateLimiting(RateLimits.TokenEndpoints).AddEndpointFilter(CrossSiteLogins.RefuseAsync);
        group.MapPost("/jwt-auth/v1/token/validate", ValidateAsync);
        group.MapPost("/jwt-auth/v1/token/refresh", RefreshAsync)
            .RequireRateLimiting(RateLimits.TokenEndpoints).AddEndpointFilter(CrossSiteLogins.RefuseAsync);
        group.Map("/{**route}", () => WordPressResponses.NoRoute()).ExcludeFromDescription();
        return group;
    }

    public static async Task<IResult> TokenAsync(
        HttpContext http, [AsParameters] AuthServices services, IGrainFactory grains, IOptions<WordPressOptions> options, IOptions<AuthOptions> auth,
        [FromKeyedServices(SessionClock.Key)] TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await WordPressParameters.ReadAsync(http.Request, cancellationToken) is not { } parameters)
        {
            return WordPressResponses.InvalidJson();
        }

        var username = parameters.Get("username");
        var password = parameters.Get("password");
        if (username is not null && password is not null)
        {
            return await PasswordLoginAsync(http, services, grains, options.Value, parameters, username, password, CookiePath(options.Value, auth.Value), clock);
        }

        if (WordPressRefreshCookie.Read(http.Request) is { } cookie)
        {
            return await CookieLoginAsync(http, services, grains, parameters, cookie);
        }

        return WordPressResponses.Unauthorized(WordPressCodes.MissingCredentials, WordPressMessages.MissingCredentials);
    }

    public static async Task<IResult> ValidateAsync(HttpContext http, WordPressTokenCheck check)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return WordPressResponses.Unauthorized(WordPressCodes.NoAuthHeader, WordPressMessages.NoAuthHeader);
        }

        if (BearerToken(header) is not { } token)
        {
            return WordPressResponses.Unauthorized(WordPressCodes.BadAuthHeader, WordPressMessages.BadAuthHeader);
        }

        return await check.CheckAsync(token) is var (code, message)
            ? WordPressResponses.Unauthorized(code, message)
            : WordPressResponses.Success(WordPressCodes.ValidToken, "Token is valid", null);
    }

    public static async Task<IResult> RefreshAsync(
        HttpContext http, SessionTokens sessions, IOptions<WordPressOptions> options, IOptions<AuthOptions> auth,
        [FromKeyedServices(SessionClock.Key)] TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await WordPressParameters.ReadAsync(http.Request, cancellationToken) is not { } parameters)
        {
            return WordPressResponses.InvalidJson();
        }

        if (WordPressRefreshCookie.Read(http.Request) is not { } cookie)
        {
            return WordPressResponses.UnauthorizedNoData(WordPressCodes.NoAuthCookie, "Refresh token cookie not found.");
        }

        var result = await UseSlotTokenAsync(sessions, cookie, parameters, rotate: true, http.ClientInfo());
        if (result.Outcome != RefreshOutcome.Success)
        {
            return SlotTokenRefused(result.Outcome);
        }

        WordPressRefreshCookie.Write(http, result.Session!.RefreshToken, result.Session.ExpiresAt, clock.GetUtcNow(), CookiePath(options.Value, auth.Value));
        return WordPressResponses.Success(WordPressCodes.ValidToken, "Token is valid", null, withData: false);
    }

    private static async Task<IResult> PasswordLoginAsync(
        HttpContext http, AuthServices services, IGrainFactory grains, WordPressOptions options, WordPressParameters parameters,
        string username, string password, string cookiePath, TimeProvider clock)
    {
        if (parameters.Get("custom_auth") is { } customAuth && !IsEmpty(customAuth))
        {
            return WordPressResponses.Unauthorized(WordPressCodes.CustomAuthFailed, WordPressMessages.CustomAuthFailed);
        }

        // WordPress trims the password and treats "" and "0" as empty.
        password = password.Trim();
        if (IsEmpty(username.Trim()))
        {
            return WordPressResponses.Unauthorized(WordPressCodes.EmptyUsername, WordPressMessages.EmptyUsername);
        }

        if (IsEmpty(password))
        {
            return WordPressResponses.Unauthorized(WordPressCodes.EmptyPassword, WordPressMessages.EmptyPassword);
        }

        var slot = WordPressDevices.SlotKey(parameters.Get("device"));
        var result = username.Length > 4 * Usernames.MaxLength || password.Length > Passwords.MaxLength
            ? new SignInResult(SignInOutcome.InvalidCredentials)
            : await services.SignIn.PasswordAsync(new SignInRequest(
                username, password, WordPressDevices.DeviceId(slot), NameOrNull(WordPressDevices.CleanName(slot)), http.ClientInfo(),
                WordPressRefreshCookie.Read(http.Request), RefreshTokenFormat.WordPress, AllowEmail: true));
        switch (result.Outcome)
        {
            case SignInOutcome.Success:
                break;
            case SignInOutcome.Disabled:
                return WordPressResponses.Unauthorized(ErrorCodes.AccountDisabled, "This account is disabled.");
            case SignInOutcome.Locked:
                return WordPressResponses.Error(new ApiError(StatusCodes.Status401Unauthorized, ErrorCodes.AccountLocked,
                    "Too many failed logins; the account is locked for now.", result.RetryAfter));
            default:
                return WrongCredentials(options, username, result);
        }

        var session = result.Session!;
        var (token, refused) = await IssueAsync(http, services.Issuing, grains, session, ClaimsHookCall.Login, parameters);
        if (refused is not null)
        {
            return refused;
        }

        WordPressRefreshCookie.Write(http, session.RefreshToken, session.ExpiresAt, clock.GetUtcNow(), cookiePath);
        return Credential(token!, session.User);
    }

    private static async Task<IResult> CookieLoginAsync(
        HttpContext http, AuthServices services, IGrainFactory grains, WordPressParameters parameters, string cookie)
    {
        var result = await UseSlotTokenAsync(services.SessionTokens, cookie, parameters, rotate: false, http.ClientInfo());
        if (result.Outcome != RefreshOutcome.Success)
        {
            return SlotTokenRefused(result.Outcome);
        }

        var session = result.Session!;
        var (token, refused) = await IssueAsync(http, services.Issuing, grains, session, ClaimsHookCall.Refresh, parameters);
        return refused ?? Credential(token!, session.User);
    }

    /// <summary>Signs the access token with the plugin's claims, or says why not in the plugin's envelope.</summary>
    private static async Task<(string? Token, IResult? Refused)> IssueAsync(
        HttpContext http, SessionIssuing issuing, IGrainFactory grains, IssuedSession session, string hookEvent, WordPressParameters parameters)
    {
        var stamp = await grains.Grain<IUserGrain>(session.User.Id).GetSecurityStampAsync() ?? "";
        var data = JsonSerializer.SerializeToElement(new
        {
            user = new { id = session.User.Number, device = WordPressDevices.CleanName(parameters.FromForm("device")), pass = stamp },
        });
        var issue = await issuing.IssueAsync(http, session, hookEvent, new Dictionary<string, JsonElement> { ["data"] = data }, AccessTokenLifetime);
        switch (issue.Outcome)
        {
            case ClaimsHookOutcome.Denied:
                return (null, WordPressResponses.Unauthorized(ErrorCodes.LoginDenied, issue.Reason ?? "The login was refused."));
            case ClaimsHookOutcome.Unavailable:
                return (null, WordPressResponses.Error(new ApiError(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
                    "The claims hook did not answer; try again.", TimeSpan.FromSeconds(1))));
        }

        return (issue.AccessToken, null);
    }

    /// <summary>The plugin's refresh-token check: the cookie names its user by number, the device parameter its slot.</summary>
    private static Task<RefreshResult> UseSlotTokenAsync(SessionTokens sessions, string cookie, WordPressParameters parameters, bool rotate, ClientInfo client) =>
        sessions.UseSlotTokenAsync(cookie, WordPressDevices.DeviceId(WordPressDevices.SlotKey(parameters.Get("device"))), rotate, client);

    private static IResult SlotTokenRefused(RefreshOutcome outcome) => outcome switch
    {
        RefreshOutcome.Obsolete => WordPressResponses.UnauthorizedNoData(WordPressCodes.ObsoleteRefreshToken, WordPressMessages.ObsoleteRefreshToken),
        RefreshOutcome.Expired => WordPressResponses.UnauthorizedNoData(WordPressCodes.ExpiredRefreshToken, WordPressMessages.ExpiredRefreshToken),
        _ => WordPressResponses.UnauthorizedNoData(WordPressCodes.InvalidRefreshToken, WordPressMessages.InvalidRefreshToken),
    };

    private static IResult WrongCredentials(WordPressOptions options, string username, SignInResult result)
    {
        if (result.UnknownName && options.RevealUnknownUsers)
        {
            return username.Contains('@')
                ? WordPressResponses.Unauthorized(WordPressCodes.InvalidEmail, WordPressMessages.InvalidEmail)
                : WordPressResponses.Unauthorized(WordPressCodes.InvalidUsername,
                    WordPressMessages.InvalidUsername(username));
        }

        return WordPressResponses.Unauthorized(WordPressCodes.IncorrectPassword, result.ByEmail
            ? WordPressMessages.IncorrectPasswordForEmail(username)
            : WordPressMessages.IncorrectPassword(username));
    }

    private static IResult Credential(string token, UserView user) =>
        WordPressResponses.Success(WordPressCodes.ValidCredential, "Credential is valid", json =>
        {
            json.WriteStartObject();
            json.WriteString("token", token);
            json.WriteNumber("id", user.Number ?? 0);
            json.WriteString("email", user.Profile.Email ?? "");
            json.WriteString("nicename", Nicename(user.Username));
            json.WriteString("firstName", user.Profile.FirstName ?? "");
            json.WriteString("lastName", user.Profile.LastName ?? "");
            json.WriteString("displayName", user.Profile.DisplayName ?? user.Username);
            json.WriteEndObject();
        });

    /// <summary>WordPress's default <c>user_nicename</c>: the login lowercased, URL-safe, at most 50 characters.</summary>
    private static string Nicename(string username)
    {
        var nice = new string([.. username.ToLowerInvariant().Select(c => c is ' ' or '.' or '@' ? '-' : c)
            .Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')]);
        return nice.Length > 50 ? nice[..50] : nice;
    }

    /// <summary><c>sscanf($auth, 'Bearer %s')</c> on the trimmed, whitespace-collapsed header.</summary>
    private static string? BearerToken(string header)
    {
        var collapsed = string.Join(' ', header.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (!collapsed.StartsWith("Bearer", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = collapsed[6..].TrimStart();
        var end = rest.IndexOf(' ');
        var token = end < 0 ? rest : rest[..end];
        return token.Length == 0 ? null : token;
    }

    private static string CookiePath(WordPressOptions options, AuthOptions auth) =>
        Uri.TryCreate(options.SiteUrl ?? auth.Issuer, UriKind.Absolute, out var site) && site.Scheme is "http" or "https"
            ? site.AbsolutePath.TrimEnd('/') + "/"
            : "/";

    private static bool IsEmpty(string value) => value is "" or "0";

    private static string? NameOrNull(string name) => name.Length == 0 ? null : name;
}
