using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Silo.ClusterSecret;

namespace SessionService.Tests.Support;

/// <summary>
/// What an attacker who reaches an Orleans port would build: a plain Orleans client pointed at given
/// endpoints with the service's cluster identity (the defaults are public), optionally with a cluster secret.
/// </summary>
public static class OutsideOrleansClient
{
    /// <summary>
    /// Connects and makes one call that reads grain state (the admin's user id) and one that changes it
    /// (a key rotation). Returns null when both were answered, else what stopped them: the first refusal
    /// the client logged (it would only retry it), an exception of the calls, or a timeout.
    /// </summary>
    public static async Task<Exception?> TryCallGrainsAsync(IEnumerable<IPEndPoint> gateways, string? clusterSecret = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var refusals = new OrleansClientRefusals();
        builder.Logging.AddProvider(refusals);
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering([.. gateways]);
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("session-service", "session-service"));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            if (clusterSecret is not null)
            {
                client.Services.AddClusterSecret(clusterSecret);
            }
        });
        using var host = builder.Build();
        try
        {
            var calls = CallGrainsAsync(host);
            var first = await Task.WhenAny(calls, refusals.First).WaitAsync(TimeSpan.FromSeconds(20));
            if (first == refusals.First)
            {
                return await refusals.First;
            }

            await calls;
            return null;
        }
        catch (Exception error) when (error is not Xunit.Sdk.XunitException)
        {
            return error;
        }
        finally
        {
            await StopQuietlyAsync(host);
        }
    }

    private static async Task CallGrainsAsync(IHost host)
    {
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var adminId = await grains.GetGrain<IUsernameGrain>(Usernames.Normalize(ApiFactory.AdminUser)).GetUserIdAsync();
        Assert.NotNull(adminId);
        await grains.GetGrain<IKeyRingGrain>(KeyRing.Id).RotateAsync("ES256");
    }

    private static async Task StopQuietlyAsync(IHost host)
    {
        try
        {
            await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception)
        {
            // A client that never connected may fail to stop cleanly; it is discarded either way.
        }
    }
}
