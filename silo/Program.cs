using Microsoft.Extensions.Hosting;
using SessionService.Silo;

// A silo on its own (localhost clustering, SQLite storage). The API co-hosts the same silo by default.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.AddEmbeddedSessionSilo(builder.Configuration));
await builder.Build().RunAsync();
