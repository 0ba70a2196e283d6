using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SessionService.Grains;

public static class AuthOptionsRegistration
{
    public static IServiceCollection AddAuthOptions(this IServiceCollection services, IConfiguration configuration)
    {
        // The API and a co-hosted silo both ask for it; bind once.
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<AuthOptions>)))
        {
            return services;
        }

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        return services;
    }
}
