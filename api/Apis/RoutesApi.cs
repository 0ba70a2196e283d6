using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SessionService.Api.Gateway;
using SessionService.Api.Http;
using SessionService.Api.Routes;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Apis;

/// <summary>Route tokens: signed links that open one thing (issue, list, inspect, revoke; claim; forward auth).</summary>
public static class RoutesApi
{
    public static IEndpointRouteBuilder MapRoutesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/routes").WithTags("Routes");
        var owned = group.MapGroup("").RequireAuthorization(AccessTokenPolicies.Bearer);
        owned.MapPost("", IssueAsync).Accepts<RouteTokenRequest>("application/json");
        owned.MapGet("", ListAsync);
        owned.MapGet("/{id}", GetAsync);
        owned.MapDelete("/{id}", RevokeAsync);
        group.MapGet("/claim", ClaimAsync);
        group.Map("/verify", VerifyAsync).ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<Created<IssuedRoute>, ProblemHttpResult>> IssueAsync(
        HttpContext http, RouteIssuing issuing, IOptions<RouteTokenOptions> options, CancellationToken cancellationToken)
    {
        var request = RouteTokenRequest.Read(await RequestFields.ReadAsync(http.Request, cancellationToken), options.Value);
        http.NoStore();
        return await issuing.IssueAsync(http.Identity(), request) is { } issued
            ? TypedResults.Created($"/routes/{issued.Id}", issued)
            : Problems.TokenRejected(http, ErrorCodes.UserNotFound, "The user no longer exists or is disabled.");
    }

    public static async Task<Ok<RouteTokenResponse[]>> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var ids = await grains.Grain<IRouteIndexGrain>(http.Identity().UserId).ListAsync();
        var views = await Task.WhenAll(ids.Select(id => grains.Grain<IRouteTokenGrain>(id).GetAsync()));
        return TypedResults.Ok(views.OfType<RouteTokenView>().Select(v => RouteTokenResponse.From(v, withUses: false)).ToArray());
    }

    public static async Task<Results<Ok<RouteTokenResponse>, ProblemHttpResult>> GetAsync(HttpContext http, IGrainFactory grains, string id) =>
        await VisibleAsync(http, grains, id) is { } view
            ? TypedResults.Ok(RouteTokenResponse.From(view, withUses: true))
            : NotFound();

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(HttpContext http, IGrainFactory grains, string id)
    {
        if (await VisibleAsync(http, grains, id) is not { } view)
        {
            return NotFound();
        }

        await grains.Grain<IRouteTokenGrain>(id).RevokeAsync();
        await grains.Grain<IRouteIndexGrain>(view.OwnerId).RemoveAsync(id);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<RouteClaimResponse>, ProblemHttpResult>> ClaimAsync(
        HttpContext http, RouteTokens tokens, [FromQuery(Name = "jwt")] string? jwt)
    {
        var single = http.Request.Query[OriginalRequest.TokenParameter].Count == 1 ? jwt : null;
        http.NoStore();
        var use = await tokens.UseAsync(single, null, http.ClientInfo());
        return use.Token is { } token
            ? TypedResults.Ok(RouteClaimResponse.From(token))
            : Problems.Create(use.Error!.Status, use.Error.Code, use.Error.Detail);
    }

    /// <summary>Forward auth: 200 with the identity headers, or the contract's error; never a body on success.</summary>
    public static async Task VerifyAsync(HttpContext http, RouteTokens tokens)
    {
        var original = OriginalRequest.FromForwardAuth(http.Request);
        var use = await tokens.UseAsync(original?.Token(), original, http.ClientInfo());
        if (use.Token is not { } token)
        {
            await ErrorResponses.WriteAsync(http, use.Error!);
            return;
        }

        http.Response.Headers[IdentityHeaders.RouteTokenId] = token.Id;
        if (token.ActAsMe)
        {
            http.Response.Headers[IdentityHeaders.UserId] = token.OwnerId;
            http.Response.Headers[IdentityHeaders.Username] = token.OwnerName;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>The token when the caller owns it or is an admin; otherwise null, as if there were none.</summary>
    private static async Task<RouteTokenView?> VisibleAsync(HttpContext http, IGrainFactory grains, string id)
    {
        if (!Ids.IsHexId(id) || await grains.Grain<IRouteTokenGrain>(id).GetAsync() is not { } view)
        {
            return null;
        }

        var caller = http.Identity();
        return view.OwnerId == caller.UserId || caller.IsAdmin ? view : null;
    }

    private static ProblemHttpResult NotFound() =>
        Problems.Create(StatusCodes.Status404NotFound, ErrorCodes.RouteTokenNotFound, "No route token with that id.");
}
