using Microsoft.Extensions.Options;
using SessionService.Api.Tokens;
using SessionService.Grains;

namespace SessionService.Api.Routes;

public static class RouteServices
{
    /// <summary>The route token kind's verifier, issuing and use, and the <c>Routes</c> options.</summary>
    public static IServiceCollection AddRouteTokens(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RouteTokenOptions, RouteTokenOptionsValidator>(configuration, RouteTokenOptions.Section);
        services.AddSingleton(sp => new JwsVerifier<RouteTokenIdentity>(
            RouteTokenKind.Create(sp.GetRequiredService<SigningKeys>(), sp.GetRequiredService<IOptions<AuthOptions>>().Value)));
        services.AddSingleton<RouteTokenIssuer>();
        services.AddSingleton<RouteIssuing>();
        services.AddSingleton<RouteTokens>();
        // AddOpenApi() names its document "v1"; its options are configured by name.
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", options => options.DescribeRoutesVerify());
        return services;
    }
}
