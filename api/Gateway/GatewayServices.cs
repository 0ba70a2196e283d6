using SessionService.Api.Gateway.Verification;
using SessionService.Grains;

namespace SessionService.Api.Gateway;

public static class GatewayServices
{
    /// <summary>The node's credential cache, the decision, forward auth's parts and the built-in proxy.</summary>
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<GatewayOptions, GatewayOptionsValidator>(configuration, GatewayOptions.Section);
        services.AddSingleton<ConsumerCredentials>();
        services.AddSingleton<IGatewayCredentials>(sp => sp.GetRequiredService<ConsumerCredentials>());
        services.AddSingleton<GatewayTokenLocator>();
        services.AddSingleton<ConsumerTokenVerifier>();
        services.AddSingleton<AnonymousConsumer>();
        services.AddSingleton<GatewayGate>();
        services.AddGatewayProxy(configuration);
        return services;
    }
}
