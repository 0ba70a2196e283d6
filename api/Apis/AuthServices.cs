using SessionService.Api.Tokens;
using SessionService.Api.Users;
using SessionService.Api.Users.Hook;

namespace SessionService.Api.Apis;

/// <summary>What the token endpoints depend on, bound with [AsParameters].</summary>
public sealed record AuthServices(
    SignIn SignIn,
    SessionTokens SessionTokens,
    AccessTokenIssuer Issuer,
    ClaimsHook ClaimsHook);
