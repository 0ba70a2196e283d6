using Microsoft.Extensions.Configuration;
using Orleans.Dashboard;

namespace SessionService.Silo.Dashboard;

/// <summary>Where the Orleans Dashboard's collection runs: on silos (embedded or cluster), and its reader on cluster-mode API nodes.</summary>
public static class SiloDashboard
{
    public static ISiloBuilder AddSessionDashboard(this ISiloBuilder silo, IConfiguration configuration, bool embedded)
    {
        var options = SessionServiceOptions.Read<OrleansDashboardOptions>(configuration);
        return (embedded ? options.ServesUi : options.CollectsOnClusterSilo) ? silo.AddDashboard(options.ApplyTo) : silo;
    }

    /// <summary>A cluster-mode API node that serves the UI reads the silos' figures through its Orleans client.</summary>
    public static IClientBuilder AddSessionDashboard(this IClientBuilder client, IConfiguration configuration)
    {
        var options = SessionServiceOptions.Read<OrleansDashboardOptions>(configuration);
        return options.ServesUi ? client.AddDashboard(options.ApplyTo) : client;
    }
}
