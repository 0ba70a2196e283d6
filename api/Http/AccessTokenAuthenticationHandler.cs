using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SessionService.Api.Tokens;

namespace SessionService.Api.Http;

/// <summary>
/// The "AccessToken" authentication scheme: a bearer access token checked by <see cref="AccessTokenValidator"/>.
/// Runs only for endpoints whose policy names it. Its identity is kept as a typed feature for
/// <see cref="BearerAuth.Identity"/>; its challenges and refusals go through the route group's error writer.
/// </summary>
public class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";

    private TokenCheck _check;

    /// <summary>Where this scheme finds the token: the <c>Authorization: Bearer</c> header.</summary>
    protected virtual string? TokenOf(HttpRequest request) => request.BearerToken();

    /// <summary>The refusal when <see cref="TokenOf"/> finds none.</summary>
    protected virtual (string Code, string Detail) Missing => BearerAuth.Missing;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        _check = TokenOf(Request) is { } token ? await validator.ValidateAsync(token) : TokenCheck.Fail(Missing.Code, Missing.Detail);
        if (_check.Identity is not { } identity)
        {
            return AuthenticateResult.Fail(_check.Detail!);
        }

        Context.Features.Set(identity);
        return AuthenticateResult.Success(new AuthenticationTicket(identity.Principal ??= ToPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync();
        var (code, detail) = _check.ErrorCode is { } failed ? (failed, _check.Detail!) : Missing;
        Problems.SetBearerChallenge(Context, code);
        await ErrorResponses.WriteAsync(Context, new ApiError(StatusCodes.Status401Unauthorized, code, detail));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ErrorResponses.WriteAsync(Context, new ApiError(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "This needs the admin role."));

    private static ClaimsPrincipal ToPrincipal(AccessTokenIdentity identity)
    {
        var claims = new List<Claim>(2 + identity.Roles.Count)
        {
            new("sub", identity.UserId),
            new("sid", identity.SessionId),
        };
        claims.AddRange(identity.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, "sub", ClaimTypes.Role));
    }
}
