using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SessionService.Silo;
using SessionService.Silo.Telemetry;

// A silo process. `--apply-schema` creates or updates the PostgreSQL schema of the cluster mode and exits.
return await StartupFailure.RunAsync(async () =>
{
    var builder = Host.CreateApplicationBuilder(args);
    if (args.Contains("--apply-schema"))
    {
        var connectionString = SessionServiceOptions.Read<SiloOptions>(builder.Configuration).PostgresConnectionString is { Length: > 0 } set
            ? set
            : throw new OptionsValidationException(Options.DefaultName, typeof(SiloOptions),
                [$"ConnectionStrings:{SiloOptions.ConnectionStringName} must be set for --apply-schema."]);
        await PostgresSchema.ApplyWhenReachableAsync(connectionString, TimeSpan.FromMinutes(1));
        Console.WriteLine("Schema applied.");
        return;
    }

    builder.UseOrleans(silo => silo.AddSessionSilo(builder.Configuration));
    builder.Services.AddSiloTelemetry(builder.Configuration);
    using var host = builder.Build();
    host.ThrowIfOptionsInvalid();
    await host.RunUntilStoppedAsync();
});

/// <summary>Internal: the API project's <c>Program</c> is the one tests and tools see (the ASP.NET Core framework, brought in by the Orleans Dashboard, would make this one public too).</summary>
internal partial class Program;
