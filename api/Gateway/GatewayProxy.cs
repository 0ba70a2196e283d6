using System.Text;
using SessionService.Api.Http;
using Yarp.ReverseProxy.Configuration;

namespace SessionService.Api.Gateway;

/// <summary>
/// The built-in proxy (YARP): each <c>Gateway:Routes</c> entry forwards matching requests, path and query
/// unchanged, to its upstream once <see cref="GatewayGate"/> lets them pass, with the identity headers
/// set and every client-sent identity header removed first. A refused request never reaches the upstream.
/// </summary>
public static class GatewayProxy
{
    public static IServiceCollection AddGatewayProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new GatewayOptions();
        configuration.GetSection(GatewayOptions.Section).Bind(options);
        var routes = options.Routes.Select((route, index) => new RouteConfig
        {
            RouteId = $"gateway-{index}",
            ClusterId = $"gateway-{index}",
            Match = new RouteMatch { Path = route.Path },
        }).ToList();
        var clusters = options.Routes.Select((route, index) => new ClusterConfig
        {
            ClusterId = $"gateway-{index}",
            Destinations = new Dictionary<string, DestinationConfig> { ["upstream"] = new() { Address = route.Upstream } },
        }).ToList();
        services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            // Consumer names reach identity headers as given: UTF-8, as Kong and nginx pass them on.
            .ConfigureHttpClient((_, handler) => handler.RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8);
        return services;
    }

    public static void MapGatewayProxy(this IEndpointRouteBuilder app) =>
        app.MapReverseProxy(pipeline => pipeline.Use(PassThroughGateAsync))
            .WithErrorWriter(GatewayErrorWriter.Instance);

    private static async Task PassThroughGateAsync(HttpContext http, Func<Task> next)
    {
        var gate = http.RequestServices.GetRequiredService<GatewayGate>();
        var decision = await gate.DecideAsync(GatewayRequest.FromProxied(http.Request));
        if (!decision.Allowed)
        {
            await ErrorResponses.WriteAsync(http, new ApiError(StatusCodes.Status401Unauthorized, decision.Code, decision.Message));
            return;
        }

        var headers = http.Request.Headers;
        foreach (var name in IdentityHeaders.All)
        {
            headers.Remove(name);
        }

        foreach (var (name, value) in decision.Headers)
        {
            headers[name] = value;
        }

        await next();
    }
}
