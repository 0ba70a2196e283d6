using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SessionService.Api.Http;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Apis;

/// <summary>The caller's own device sessions.</summary>
public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/auth/sessions").WithTags("Sessions").RequireAuthorization(AccessTokenPolicies.Bearer);
        group.MapGet("", ListAsync);
        group.MapDelete("/{device}", RevokeDeviceAsync);
        group.MapDelete("", RevokeAllAsync);
        return group;
    }

    public static async Task<Results<Ok<SessionResponse[]>, ProblemHttpResult>> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var identity = http.Identity();
        return await grains.Grain<IUserGrain>(identity.UserId).ListSessionsAsync() is { } sessions
            ? TypedResults.Ok(sessions.Select(s => SessionResponse.From(s, identity.SessionId)).ToArray())
            : UserGone(http);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeDeviceAsync(HttpContext http, IGrainFactory grains, string device)
    {
        if (device.Length > AuthApi.MaxDeviceLength)
        {
            return SessionNotFound();
        }

        return await grains.Grain<IUserGrain>(http.Identity().UserId).RevokeDeviceAsync(device) switch
        {
            null => UserGone(http),
            0 => SessionNotFound(),
            _ => TypedResults.NoContent(),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAllAsync(
        HttpContext http, IGrainFactory grains, [FromQuery(Name = "keep_current")] bool? keepCurrent)
    {
        var identity = http.Identity();
        return await grains.Grain<IUserGrain>(identity.UserId).RevokeAllSessionsAsync(keepCurrent == true ? identity.SessionId : null) is not null
            ? TypedResults.NoContent()
            : UserGone(http);
    }

    /// <summary>
    /// The grain's "no such user": the caller's token outlived its user by the moment it takes every node
    /// to hear of the deletion, so the answer is the one the token check gives a deleted user.
    /// </summary>
    private static ProblemHttpResult UserGone(HttpContext http) =>
        Problems.TokenRejected(http, ErrorCodes.UserNotFound, "The user no longer exists.");

    private static ProblemHttpResult SessionNotFound() =>
        Problems.Create(StatusCodes.Status404NotFound, ErrorCodes.SessionNotFound, "No session for that device.");
}
