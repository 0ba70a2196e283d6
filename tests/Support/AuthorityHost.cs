using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;
using SessionService.Silo;
using SessionService.Silo.ClusterSecret;

namespace SessionService.Tests.Support;

/// <summary>
/// Which silo process of a <see cref="LocalCluster"/> hosts the revocation authority: asked of the
/// cluster's management grain through a short-lived Orleans client, then matched to a silo process by
/// the silo port in its environment.
/// </summary>
public static class AuthorityHost
{
    public static async Task<int> FindSiloPidAsync(LocalCluster cluster)
    {
        var options = new SessionService.Silo.SiloOptions();
        using var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = PostgresSchema.Invariant;
                    o.ConnectionString = $"Host=127.0.0.1;Port={cluster.PostgresPort};Database=postgres;Username=postgres";
                });
                client.Configure<ClusterOptions>(options.Identify);
                client.Services.AddClusterSecret(cluster.ClusterSecret);
            })
            .Build();
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            var management = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                var statistics = await management.GetDetailedGrainStatistics();
                var authority = statistics.FirstOrDefault(s => s.GrainId.Type.ToString() == "broadcast");
                if (authority is not null)
                {
                    return new[] { cluster.Silo1Pid, cluster.Silo2Pid }.Single(pid => SiloPortOf(pid) == authority.SiloAddress.Endpoint.Port);
                }

                Assert.True(DateTime.UtcNow < deadline, "the revocation authority is not active on any silo");
                await Task.Delay(200);
            }
        }
        finally
        {
            await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static int SiloPortOf(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0')
            .Where(variable => variable.StartsWith("Orleans__SiloPort=", StringComparison.Ordinal))
            .Select(variable => int.Parse(variable["Orleans__SiloPort=".Length..]))
            .Single();
}
