using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SessionService.Api.Compat.FlaskJwt;
using SessionService.Api.Http;
using SessionService.Api.Users;
using SessionService.Api.Users.Hook;
using SessionService.Grains;
using SessionService.Grains.Users;

namespace SessionService.Api.Apis;

/// <summary>
/// Flask-JWT's login, <c>POST /auth</c> (<c>Compat:FlaskJwt:AuthUrlRule</c>): an adapter over
/// <see cref="SignIn"/> and <see cref="SessionIssuing"/>, answering in Flask-JWT's shapes.
/// </summary>
public static class FlaskJwtApi
{
    public const string BadRequest = "Bad Request";
    public const string InvalidCredentials = "Invalid credentials";

    public static RouteGroupBuilder MapFlaskJwtApi(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<FlaskJwtOptions>>().Value;
        var group = app.MapGroup(options.AuthUrlRule).WithTags("Flask-JWT").WithErrorWriter(FlaskJwtErrorWriter.Instance);
        group.MapPost("", LoginAsync).Produces<FlaskJwtToken>()
            .RequireRateLimiting(RateLimits.TokenEndpoints).AddEndpointFilter(CrossSiteLogins.RefuseAsync);
        return group;
    }

    public static async Task<IResult> LoginAsync(
        HttpContext http, [AsParameters] AuthServices services, IOptions<FlaskJwtOptions> options, CancellationToken cancellationToken)
    {
        var credentials = await ReadCredentialsAsync(http.Request, options.Value, cancellationToken);
        if (credentials is not var (username, password))
        {
            return Error(StatusCodes.Status401Unauthorized, BadRequest, InvalidCredentials);
        }

        var result = await services.SignIn.PasswordAsync(new SignInRequest(username, password, null, null, http.ClientInfo()));
        switch (result.Outcome)
        {
            case SignInOutcome.Success:
                break;
            case SignInOutcome.Disabled:
                return Error(StatusCodes.Status403Forbidden, ErrorCodes.AccountDisabled, "This account is disabled.");
            case SignInOutcome.Locked:
                return Error(StatusCodes.Status423Locked, ErrorCodes.AccountLocked,
                    "Too many failed logins; the account is locked for now.", result.RetryAfter!.Value);
            default:
                return Error(StatusCodes.Status401Unauthorized, BadRequest, InvalidCredentials);
        }

        var identity = new Dictionary<string, JsonElement> { ["identity"] = JsonSerializer.SerializeToElement(result.Session!.User.Id) };
        var issue = await services.Issuing.IssueAsync(http, result.Session!, ClaimsHookCall.Login, identity, options.Value.ExpirationDelta);
        switch (issue.Outcome)
        {
            case ClaimsHookOutcome.Denied:
                return Error(StatusCodes.Status403Forbidden, ErrorCodes.LoginDenied, issue.Reason ?? "The login was refused.");
            case ClaimsHookOutcome.Unavailable:
                return Error(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
                    "The claims hook did not answer; try again.", TimeSpan.FromSeconds(1));
        }

        http.NoStore();
        return TypedResults.Ok(new FlaskJwtToken(issue.AccessToken!));
    }

    /// <summary>
    /// Flask-JWT's rule: a JSON object with exactly two members, the username key and the password key,
    /// both non-empty (strings here). Anything else is null.
    /// </summary>
    private static async Task<(string Username, string Password)?> ReadCredentialsAsync(
        HttpRequest request, FlaskJwtOptions options, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } type
            || !type.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Count() != 2
                || !root.TryGetProperty(options.UsernameKey, out var user) || !root.TryGetProperty(options.PasswordKey, out var pass)
                || user.ValueKind != JsonValueKind.String || pass.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var username = user.GetString()!;
            var password = pass.GetString()!;
            if (username.Length is 0 or > 4 * Usernames.MaxLength || password.Length is 0 or > Passwords.MaxLength)
            {
                return null;
            }

            return (username, password);
        }
    }

    private static IResult Error(int status, string error, string description, TimeSpan? retryAfter = null) =>
        new ApiErrorResult(new ApiError(status, error, description, retryAfter));
}

/// <summary>Flask-JWT's login answer.</summary>
public sealed record FlaskJwtToken([property: JsonPropertyName("access_token")] string AccessToken);
