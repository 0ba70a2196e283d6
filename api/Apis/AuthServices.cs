using SessionService.Api.Users;

namespace SessionService.Api.Apis;

/// <summary>What the token endpoints depend on, bound with [AsParameters].</summary>
public sealed record AuthServices(
    SignIn SignIn,
    SessionTokens SessionTokens,
    SessionIssuing Issuing);
