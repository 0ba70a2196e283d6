using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Dashboard;
using SessionService.Api.Http;
using SessionService.Silo;
using SessionService.Silo.Dashboard;

namespace SessionService.Api.Dashboard;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c>, for admins only, when <c>Dashboard:Enabled=true</c>; otherwise
/// nothing is mapped (404). A browser gets in through <c>POST /dashboard/session</c> (see <see cref="DashboardCookie"/>).
/// </summary>
public static class DashboardEndpoints
{
    public const string Path = "/dashboard";
    public const string SessionPath = Path + "/session";

    /// <summary>
    /// Routes of the package that stay closed even to admins: grain state holds password hashes, token hashes
    /// and signing keys, and the live log stream is the node's log, which has its own access.
    /// </summary>
    private static readonly string[] ClosedRoutes = [Path + "/GrainState", Path + "/Trace"];

    public static IServiceCollection AddDashboardAuth(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DashboardAuthenticationHandler>(DashboardAuthenticationHandler.SchemeName, null);
        services.AddTransient<DashboardAuthenticationHandler>();
        services.AddAuthorizationBuilder().AddPolicy(DashboardAuthenticationHandler.AdminPolicy, policy => policy
            .AddAuthenticationSchemes(DashboardAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(AccessTokenPolicies.AdminRole));
        return services;
    }

    public static WebApplication MapSessionDashboard(this WebApplication app)
    {
        if (!SessionServiceOptions.Read<OrleansDashboardOptions>(app.Configuration).ServesUi)
        {
            return app;
        }

        var session = app.MapGroup(SessionPath).WithTags("Dashboard");
        session.MapPost("", StartSession).RequireAuthorization(AccessTokenPolicies.Admin);
        session.MapDelete("", EndSession);

        app.MapOrleansDashboard(Path)
            .RequireAuthorization(DashboardAuthenticationHandler.AdminPolicy)
            .ExcludeFromDescription()
            .AddEndpointFilter((context, next) => IsClosed(context.HttpContext)
                ? ValueTask.FromResult<object?>(Problems.Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "This part of the dashboard is not served."))
                : next(context));
        return app;
    }

    /// <summary>Sets the dashboard cookie to the admin access token of this request, until that token expires.</summary>
    public static NoContent StartSession(HttpContext http)
    {
        DashboardCookie.Set(http, http.Request.BearerToken()!, DateTimeOffset.FromUnixTimeSeconds(http.Identity().ExpiresAt));
        http.NoStore();
        return TypedResults.NoContent();
    }

    public static NoContent EndSession(HttpContext http)
    {
        DashboardCookie.Clear(http);
        return TypedResults.NoContent();
    }

    private static bool IsClosed(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route } && ClosedRoutes.Contains(route, StringComparer.OrdinalIgnoreCase);
}
