using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using SessionService.Api.Account;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SessionService.Api.Apis;
using SessionService.Api.Cluster;
using SessionService.Api.Compat.FlaskJwt;
using SessionService.Api.Compat.WordPress;
using SessionService.Api.Dashboard;
using SessionService.Api.Gateway;
using SessionService.Api.Http;
using SessionService.Api.Revocations;
using SessionService.Api.Routes;
using SessionService.Api.Telemetry;
using SessionService.Api.Tokens;
using SessionService.Api.Users;
using SessionService.Api.Users.Hook;
using SessionService.Silo;

namespace SessionService.Api;

/// <summary>Everything the API node registers and maps, so Program.cs stays short.</summary>
public static class ServiceSetup
{
    public static WebApplicationBuilder AddSessionApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 1024 * 1024;
            // Consumer usernames reach identity headers as given, as nginx and Kong pass them: UTF-8.
            k.ResponseHeaderEncodingSelector = _ => System.Text.Encoding.UTF8;
        });

        services.AddApiOptions(configuration);
        services.AddSessionGrainServices(configuration);

        services.AddSingleton<UserAccounts>();
        services.AddSingleton<UserListing>();
        services.AddSingleton<Users.Import.WordPressUserImport>();
        services.AddSingleton<SignIn>();
        services.AddSingleton<SessionTokens>();
        services.AddSingleton<SessionIssuing>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<RevocationSet>();
        services.AddSingleton<RevocationFeed>();
        services.AddSingleton<RevocationStream>();
        services.AddGateway(configuration);
        services.AddClaimsHook(configuration);
        services.AddRouteTokens(configuration);
        services.AddFlaskJwt(configuration);
        services.AddWordPress(configuration);
        services.AddSingleton<AccessTokenIssuer>();
        services.AddAccessTokenAuth();
        services.AddServiceTokenAuth();
        services.AddDashboardAuth();
        services.AddSingleton<ApiNodeObserver>();
        services.AddSingleton<ClusterSync>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterSync>());
        services.AddHostedService(sp => sp.GetRequiredService<AnonymousConsumer>());
        services.AddHostedService<AdminBootstrap>();
        services.AddHostedService<KeyFileWarning>();
        services.AddHostedService<IssuerWarning>();

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = null;
        });
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Extensions.TryAdd("code", status switch
            {
                404 => ErrorCodes.NotFound,
                405 => ErrorCodes.MethodNotAllowed,
                413 => ErrorCodes.PayloadTooLarge,
                415 => ErrorCodes.UnsupportedMediaType,
                < 500 => ErrorCodes.InvalidRequest,
                _ => ErrorCodes.InternalError,
            });
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddTokenEndpointRateLimits();
        services.AddEdgeSecurity();
        services.AddHealthChecks().AddCheck<ClusterReadyCheck>("cluster", tags: ["ready"]);
        services.AddOpenApi(options => options.DescribeGatewayVerify().DescribeHealthChecks());
        services.AddOperationReference();
        services.TryAddSingleton(TimeProvider.System);
        services.AddApiTelemetry(configuration);
        return builder;
    }

    public static WebApplication UseSessionApi(this WebApplication app)
    {
        // Routing runs where it always did, first, but after the one rewrite that must come before it.
        app.UseWordPressRestRoute();
        app.UseRouting();
        app.UseEdgeSecurity();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseFlaskJwt();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapAuthApi();
        app.MapSessionsApi();
        app.MapUsersApi();
        app.MapUserImportApi();
        app.MapKeysApi();
        app.MapTokensApi();
        app.MapDiscoveryApi();
        app.MapRevocationsApi();
        app.MapOAuthApi();
        app.MapConsumersApi();
        app.MapGatewayApi();
        app.MapRoutesApi();
        app.MapWordPress();
        app.MapAccountPage();
        app.MapGatewayProxy();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi();
        app.MapApiReference();
        app.MapMetrics();
        app.MapSessionDashboard();
        return app;
    }
}
