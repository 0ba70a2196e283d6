using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Identity;
using SessionService.Grains;
using SessionService.Grains.Users;
using SessionService.Silo.Telemetry;

namespace SessionService.Silo;

/// <summary>
/// The options silos and API nodes share, registered in one place. API-only options go through the same
/// <see cref="ValidatedOptions.AddValidatedOptions{TOptions, TValidator}"/>.
/// </summary>
public static class SessionServiceOptions
{
    public static IServiceCollection AddSessionOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(configuration, AuthOptions.Section);
        services.AddValidatedOptions<AuthOptions, KeyEncryptionValidator>(configuration, AuthOptions.Section);
        services.AddValidatedOptions<SiloOptions, SiloOptionsValidator>(configuration, SiloOptions.Section)
            .Configure(o => o.PostgresConnectionString = configuration.GetConnectionString(SiloOptions.ConnectionStringName));
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(configuration, StorageOptions.Section);
        services.AddValidatedOptions<PasswordHashOptions, PasswordHashOptionsValidator>(configuration, PasswordHashOptions.Section);
        services.AddValidatedOptions<MetricsOptions, MetricsOptionsValidator>(configuration, MetricsOptions.Section);
        services.AddValidatedOptions<Dashboard.OrleansDashboardOptions, Dashboard.OrleansDashboardOptionsValidator>(configuration, Dashboard.OrleansDashboardOptions.Section);
        services.AddOptions<PasswordHasherOptions>().Configure<IOptions<PasswordHashOptions>>(
            (hasher, passwords) => hasher.IterationCount = passwords.Value.Iterations);
        return services;
    }

    /// <summary>
    /// Builds and validates one options type exactly as the host will, before there is a host: Program.cs
    /// must choose between a co-hosted silo and a cluster client, and the silo its clustering, first.
    /// Throws <see cref="OptionsValidationException"/> naming the key.
    /// </summary>
    public static TOptions Read<TOptions>(IConfiguration configuration) where TOptions : class
    {
        using var services = new ServiceCollection().AddSessionOptions(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<TOptions>>().Value;
    }
}
