using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SessionService.Api.Gateway;
using SessionService.Api.Http;

namespace SessionService.Api.Apis;

/// <summary>Forward auth for proxies (nginx <c>auth_request</c>, Traefik <c>forwardAuth</c>, Envoy <c>ext_authz</c>).</summary>
public static class GatewayApi
{
    public static IEndpointConventionBuilder MapGatewayApi(this IEndpointRouteBuilder app) =>
        app.Map("/gateway/verify", VerifyAsync)
            .WithTags("Gateway")
            .WithErrorWriter(GatewayErrorWriter.Instance);

    /// <summary>
    /// Forward auth answers any method (Envoy sends the original one), which the OpenAPI generator cannot
    /// describe; the document gets its GET and POST by hand.
    /// </summary>
    public static OpenApiOptions DescribeGatewayVerify(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            var item = new OpenApiPathItem();
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                item.AddOperation(method, new OpenApiOperation
                {
                    Summary = "Forward auth: verifies the consumer token of the request named by X-Original-URI / X-Original-Method (any method is accepted)",
                    Tags = new HashSet<OpenApiTagReference> { new("Gateway") },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse { Description = "Allowed; identity in X-Consumer-ID, X-Consumer-Custom-ID, X-Consumer-Username, X-Credential-Identifier (or X-Anonymous-Consumer, X-User-*)" },
                        ["401"] = new OpenApiResponse { Description = "Refused: no_token, multiple_tokens, invalid_token, missing_claim, no_credentials, invalid_algorithm, invalid_signature, invalid_claim, expired_token, token_not_yet_valid, exp_too_far" },
                    },
                });
            }

            document.Paths ??= [];
            document.Paths["/gateway/verify"] = item;
            return Task.CompletedTask;
        });

    /// <summary>200 with the identity headers, or 401 with the gateway's code; never a body on success.</summary>
    public static async Task VerifyAsync(HttpContext http, GatewayGate gate)
    {
        var decision = await gate.DecideAsync(GatewayRequest.FromForwardAuth(http.Request));
        if (!decision.Allowed)
        {
            await ErrorResponses.WriteAsync(http, new ApiError(StatusCodes.Status401Unauthorized, decision.Code, decision.Message));
            return;
        }

        var headers = http.Response.Headers;
        foreach (var (name, value) in decision.Headers)
        {
            headers[name] = value;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
    }
}
