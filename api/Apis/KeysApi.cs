using Microsoft.AspNetCore.Http.HttpResults;
using SessionService.Api.Http;
using SessionService.Api.Tokens;

namespace SessionService.Api.Apis;

public static class KeysApi
{
    public static RouteGroupBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/keys").WithTags("Keys").RequireAuthorization(AccessTokenPolicies.Admin);
        group.MapPost("/rotate", RotateAsync);
        return group;
    }

    /// <summary>A new active key on every node; older keys verify until their tokens expire.</summary>
    public static async Task<Results<Ok<KeyRotationResponse>, ProblemHttpResult>> RotateAsync(SigningKeys keys) =>
        await keys.RotateAsync() is { } kid
            ? TypedResults.Ok(new KeyRotationResponse(kid))
            : Problems.Create(StatusCodes.Status409Conflict, ErrorCodes.RotationUnavailable,
                "Signing keys come from configuration (Auth:Secret or Auth:SigningKeyFiles); rotate them there.");
}
