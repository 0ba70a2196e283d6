using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SessionService.AspNetCore;

/// <summary>Registers the session service's access tokens on an API.</summary>
public static class SessionTokensExtensions
{
    /// <summary>The token types accepted: user access tokens and service tokens issued for this audience.</summary>
    private static readonly string[] TokenTypes = ["at+jwt", "JWT"];

    /// <summary>
    /// JwtBearer under <see cref="JwtBearerDefaults.AuthenticationScheme"/> against the session service at
    /// <see cref="SessionTokensOptions.Authority"/> (discovery, JWKS, key rotation), plus a background
    /// follower of its revocation stream that refuses revoked sessions and blocked users.
    /// </summary>
    public static AuthenticationBuilder AddSessionTokens(this AuthenticationBuilder builder, Action<SessionTokensOptions> configure)
    {
        var services = builder.Services;
        services.AddOptions<SessionTokensOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionTokensOptions>, SessionTokensOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LocalRevocations>();
        services.TryAddSingleton<RevocationFeedState>();
        services.TryAddSingleton<RevocationFeed>();
        services.TryAddSingleton<RevokedTokenCheck>();
        services.AddHostedService<RevocationFollower>();

        builder.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, _ => { });
        // The default scheme unless the app named another, so AddAuthentication() needs no argument.
        services.PostConfigure<AuthenticationOptions>(authentication =>
            authentication.DefaultScheme ??= JwtBearerDefaults.AuthenticationScheme);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<SessionTokensOptions>>((jwt, options) =>
            {
                var settings = options.Value;
                jwt.Authority = settings.Authority.TrimEnd('/');
                jwt.Audience = settings.Audience;
                jwt.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                jwt.BackchannelHttpHandler = settings.BackchannelHttpHandler;
                // Keep the token's own claim names (sub, sid), as the revocation feed names them.
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.NameClaimType = RevokedTokenCheck.UserClaim;
                jwt.TokenValidationParameters.ValidTypes = TokenTypes;
            })
            // After every Configure, so events the app sets itself still run, behind the revocation check.
            .PostConfigure<RevokedTokenCheck>((jwt, check) =>
            {
                jwt.Events ??= new JwtBearerEvents();
                var appHandler = jwt.Events.OnTokenValidated;
                jwt.Events.OnTokenValidated = async context =>
                {
                    await check.OnTokenValidatedAsync(context);
                    if (context.Result is null)
                    {
                        await appHandler(context);
                    }
                };
            });
        return builder;
    }

    /// <summary>Adds <see cref="SessionTokensHealthCheck"/> (the revocation stream's state) to the app's health checks.</summary>
    public static IHealthChecksBuilder AddSessionTokens(this IHealthChecksBuilder builder, string name = "session-tokens", IEnumerable<string>? tags = null) =>
        builder.AddCheck<SessionTokensHealthCheck>(name, tags: tags);
}
