using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SessionService.Grains;

/// <summary>
/// The one way this service registers options: bound from their configuration section, derived and
/// validated by one class beside them, checked when the host starts. Registering the same options twice
/// (an API node co-hosting a silo) adds nothing the second time.
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(
        this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        if (typeof(IPostConfigureOptions<TOptions>).IsAssignableFrom(typeof(TValidator)))
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IPostConfigureOptions<TOptions>), typeof(TValidator)));
        }

        return services.AddBoundOptions<TOptions>(configuration, section);
    }

    /// <summary>Options with no rule beyond their types (a value the binder cannot convert still stops start-up).</summary>
    public static OptionsBuilder<TOptions> AddBoundOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        // Not OptionsBuilder.Bind: a second Bind of the same section would append its arrays
        // (Auth:SigningKeyFiles) to the first one's. TryAddEnumerable keeps a single binding per type.
        var source = configuration.GetSection(section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<TOptions>>(
            new NamedConfigureFromConfigurationOptions<TOptions>(Options.DefaultName, source)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsChangeTokenSource<TOptions>>(
            new ConfigurationChangeTokenSource<TOptions>(Options.DefaultName, source)));
        return services.AddOptions<TOptions>().ValidateOnStart();
    }
}
