using SessionService.Api.Http;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Routes;

/// <summary>A use of a route token: granted (the token after the use), or the contract's error.</summary>
public sealed record RouteUse(RouteTokenView? Token, ApiError? Error)
{
    public static RouteUse Refused(int status, string code, string detail) => new(null, new ApiError(status, code, detail));
}
