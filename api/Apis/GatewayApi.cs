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
