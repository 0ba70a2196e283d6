using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SessionService.Api.Routes;

/// <summary>
/// <c>/routes/verify</c> answers any method (forward auth passes the original one), which the OpenAPI
/// generator cannot describe; the document gets its GET by hand, as for <c>/gateway/verify</c>.
/// </summary>
public static class RouteVerifyDocument
{
    public static OpenApiOptions DescribeRoutesVerify(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            var item = new OpenApiPathItem();
            item.AddOperation(HttpMethod.Get, new OpenApiOperation
            {
                Summary = "Forward auth: opens the request named by X-Original-URI / X-Original-Method with the route token in its jwt parameter, counting one use (any method is accepted)",
                Tags = new HashSet<OpenApiTagReference> { new("Routes") },
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse { Description = "Allowed; X-Route-Token-Id, and with act_as_me X-User-Id and X-Username" },
                    ["401"] = new OpenApiResponse { Description = "invalid_route_token, expired_token" },
                    ["403"] = new OpenApiResponse { Description = "route_mismatch" },
                    ["410"] = new OpenApiResponse { Description = "route_token_used_up" },
                },
            });
            document.Paths ??= [];
            document.Paths["/routes/verify"] = item;
            return Task.CompletedTask;
        });
}
