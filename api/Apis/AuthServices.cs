using SessionService.Api.Tokens;
using SessionService.Api.Users;

namespace SessionService.Api.Apis;

/// <summary>What the auth handlers depend on, bound with [AsParameters].</summary>
public sealed record AuthServices(
    IGrainFactory Grains,
    UserAccounts Accounts,
    Passwords Passwords,
    AccessTokenIssuer Issuer);
