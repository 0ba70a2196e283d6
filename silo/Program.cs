using Microsoft.Extensions.Hosting;
using SessionService.Silo;

// A silo process. `--apply-schema` creates or updates the PostgreSQL schema of the cluster mode and exits.
var builder = Host.CreateApplicationBuilder(args);
if (args.Contains("--apply-schema"))
{
    await PostgresSchema.ApplyWhenReachableAsync(SiloOptions.PostgresConnectionString(builder.Configuration), TimeSpan.FromMinutes(1));
    Console.WriteLine("Schema applied.");
    return;
}

builder.UseOrleans(silo => silo.AddSessionSilo(builder.Configuration));
await builder.Build().RunAsync();
