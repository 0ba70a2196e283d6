using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SessionService.Api.Tokens;
using SessionService.Grains;

namespace SessionService.Api.Http;

/// <summary>The scope an endpoint's service token must carry, as endpoint metadata (the 403's <c>WWW-Authenticate</c> names it).</summary>
public sealed record RequiredScope(string Scope);

/// <summary>
/// Service-token verification, its authentication scheme, and one policy per scope this service honours
/// (<see cref="ServiceScopes"/>), applied with <see cref="RequireScope{TBuilder}"/>.
/// </summary>
public static class ServiceTokenPolicies
{
    public static string PolicyFor(string scope) => "ServiceScope:" + scope;

    public static IServiceCollection AddServiceTokenAuth(this IServiceCollection services)
    {
        services.AddSingleton(sp => new JwsVerifier<ServiceTokenIdentity>(
            ServiceTokenKind.Create(sp.GetRequiredService<SigningKeys>(), sp.GetRequiredService<IOptions<AuthOptions>>().Value)));
        services.AddSingleton<ServiceTokenValidator>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ServiceTokenAuthenticationHandler>(ServiceTokenAuthenticationHandler.SchemeName, null);
        services.AddTransient<ServiceTokenAuthenticationHandler>();
        var policies = services.AddAuthorizationBuilder();
        foreach (var scope in new[] { ServiceScopes.Introspect, ServiceScopes.RevocationsRead })
        {
            policies.AddPolicy(PolicyFor(scope), policy => policy
                .AddAuthenticationSchemes(ServiceTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ServiceTokenAuthenticationHandler.ScopeClaim, scope));
        }

        return services;
    }

    /// <summary>Only a valid service token carrying <paramref name="scope"/> reaches these endpoints.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PolicyFor(scope)).WithMetadata(new RequiredScope(scope));
}
