using SessionService.Api;
using SessionService.Api.Recovery;
using SessionService.Silo;

if (args is [RecoveryCommand.Name, ..])
{
    var exitCode = 0;
    var failed = await StartupFailure.RunAsync(async () => exitCode = await RecoveryCommand.RunAsync(args));
    return failed != 0 ? failed : exitCode;
}

return await StartupFailure.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    if (SessionServiceOptions.Read<SiloOptions>(builder.Configuration).IsEmbedded)
    {
        // Embedded mode (default): this process co-hosts one silo, with state in SQLite under Storage:Path.
        builder.UseOrleans(silo => silo.AddSessionSilo(builder.Configuration));
    }
    else
    {
        // Cluster mode: an Orleans client of separate silo processes.
        builder.UseOrleansClient(client => client.AddSessionClusterClient(builder.Configuration));
    }

    builder.AddSessionApi();
    var app = builder.Build();
    app.ThrowIfOptionsInvalid();
    app.UseSessionApi();
    await app.RunUntilStoppedAsync();
});

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
