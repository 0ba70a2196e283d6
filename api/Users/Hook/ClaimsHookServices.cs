using SessionService.Grains;

namespace SessionService.Api.Users.Hook;

public static class ClaimsHookServices
{
    public static IServiceCollection AddClaimsHook(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ClaimsHookOptions, ClaimsHookOptionsValidator>(configuration, ClaimsHookOptions.Section);
        // The hook's own timeout bounds each call; redirects would carry the secret elsewhere.
        services.AddHttpClient(ClaimsHook.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        services.AddSingleton<ClaimsHook>();
        return services;
    }
}
