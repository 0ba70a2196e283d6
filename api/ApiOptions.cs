using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SessionService.Api.Http;
using SessionService.Api.Tokens;
using SessionService.Api.Users;
using SessionService.Grains;
using SessionService.Silo;

namespace SessionService.Api;

/// <summary>Every options type an API node reads: the shared ones and its own, all by the same convention.</summary>
public static class ApiOptions
{
    public static IServiceCollection AddApiOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSessionOptions(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, SigningKeyFiles.Validator>());
        services.AddBoundOptions<AdminOptions>(configuration, AdminOptions.Section);
        services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(configuration, RateLimitOptions.Section);
        services.AddValidatedOptions<CrossOriginOptions, CrossOriginOptionsValidator>(configuration, CrossOriginOptions.Section);
        services.AddValidatedOptions<TrustedProxyOptions, TrustedProxyOptionsValidator>(configuration, TrustedProxyOptions.Section);
        services.AddValidatedOptions<PublicUrlOptions, PublicUrlOptionsValidator>(configuration, PublicUrlOptions.Section);
        services.AddValidatedOptions<Revocations.RevocationFeedOptions, Revocations.RevocationFeedOptionsValidator>(configuration, Revocations.RevocationFeedOptions.Section);
        services.AddBoundOptions<HttpsOptions>(configuration, HttpsOptions.Section);
        return services;
    }
}
