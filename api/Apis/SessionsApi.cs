using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SessionService.Api.Http;
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

    public static async Task<Ok<SessionResponse[]>> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var identity = http.Identity();
        var sessions = await grains.GetGrain<IUserGrain>(identity.UserId).ListSessionsAsync();
        return TypedResults.Ok(sessions.Select(s => SessionResponse.From(s, identity.SessionId)).ToArray());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeDeviceAsync(HttpContext http, IGrainFactory grains, string device) =>
        device.Length <= AuthApi.MaxDeviceLength && await grains.GetGrain<IUserGrain>(http.Identity().UserId).RevokeDeviceAsync(device)
            ? TypedResults.NoContent()
            : Problems.Create(StatusCodes.Status404NotFound, ErrorCodes.SessionNotFound, "No session for that device.");

    public static async Task<NoContent> RevokeAllAsync(
        HttpContext http, IGrainFactory grains, [FromQuery(Name = "keep_current")] bool? keepCurrent)
    {
        var identity = http.Identity();
        await grains.GetGrain<IUserGrain>(identity.UserId).RevokeAllSessionsAsync(keepCurrent == true ? identity.SessionId : null);
        return TypedResults.NoContent();
    }
}
