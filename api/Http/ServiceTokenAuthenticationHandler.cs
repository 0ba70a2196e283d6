using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SessionService.Api.Tokens;

namespace SessionService.Api.Http;

/// <summary>
/// The "ServiceToken" authentication scheme: a bearer service token checked by <see cref="ServiceTokenValidator"/>,
/// its scopes as <c>scope</c> claims for <see cref="ServiceTokenPolicies"/>. No token or a bad one: 401; a good
/// one without the endpoint's scope: 403 <c>insufficient_scope</c> (RFC 6750 §3.1). Answers go through the
/// route group's error writer.
/// </summary>
public sealed class ServiceTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ServiceTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ServiceToken";
    public const string ScopeClaim = "scope";

    private TokenRejection? _rejection;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.BearerToken() is not { } token)
        {
            _rejection = new TokenRejection(BearerAuth.Missing.Code, "Send a service token as 'Authorization: Bearer <token>'.");
            return AuthenticateResult.NoResult();
        }

        var checkedToken = await validator.ValidateAsync(token);
        if (checkedToken.Identity is not { } identity)
        {
            _rejection = checkedToken.Rejection;
            return AuthenticateResult.Fail(_rejection!.Detail);
        }

        Context.Features.Set(identity);
        return AuthenticateResult.Success(new AuthenticationTicket(identity.Principal ??= ToPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync();
        var rejection = _rejection ?? new TokenRejection(BearerAuth.Missing.Code, BearerAuth.Missing.Detail);
        Problems.SetBearerChallenge(Context, rejection.Code);
        await ErrorResponses.WriteAsync(Context, new ApiError(StatusCodes.Status401Unauthorized, rejection.Code, rejection.Detail));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = Context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>()?.Scope ?? "";
        Response.Headers.WWWAuthenticate = $"Bearer realm=\"{Problems.Realm}\", error=\"{ErrorCodes.InsufficientScope}\", scope=\"{scope}\"";
        return ErrorResponses.WriteAsync(Context, new ApiError(StatusCodes.Status403Forbidden, ErrorCodes.InsufficientScope,
            $"This needs a service token with the scope '{scope}'."));
    }

    private static ClaimsPrincipal ToPrincipal(ServiceTokenIdentity identity)
    {
        var claims = identity.Scopes.Select(scope => new Claim(ScopeClaim, scope)).ToList();
        if (identity.Subject is { } subject)
        {
            claims.Add(new Claim("sub", subject));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, "sub", null));
    }
}
