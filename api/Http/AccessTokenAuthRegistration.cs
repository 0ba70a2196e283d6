using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SessionService.Api.Tokens;
using SessionService.Grains;

namespace SessionService.Api.Http;

/// <summary>Registers access-token verification, its authentication scheme and the policies over it.</summary>
public static class AccessTokenAuthRegistration
{
    private const string SuppressAutoDefaultScheme = "Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme";

    public static IServiceCollection AddAccessTokenAuth(this IServiceCollection services)
    {
        services.AddSingleton(sp => new JwsVerifier<AccessTokenIdentity>(
            AccessTokenKind.Create(sp.GetRequiredService<SigningKeys>(), sp.GetRequiredService<IOptions<AuthOptions>>().Value)));
        services.AddSingleton<AccessTokenSessionCheck>();
        services.AddSingleton<AccessTokenValidator>();

        // No default scheme, not even the one ASP.NET Core picks when a single scheme is registered
        // (only this switch turns that off): only endpoints with a policy authenticate, and the rest
        // (/health/live above all) pay nothing.
        AppContext.SetSwitch(SuppressAutoDefaultScheme, isEnabled: true);
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, null);
        // Resolved from the container, the handler is built by a compiled factory instead of reflection
        // on every authenticated request.
        services.AddTransient<AccessTokenAuthenticationHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessTokenPolicies.Bearer, policy => policy
                .AddAuthenticationSchemes(AccessTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser())
            .AddPolicy(AccessTokenPolicies.Admin, policy => policy
                .AddAuthenticationSchemes(AccessTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(AccessTokenPolicies.AdminRole));
        return services;
    }
}
