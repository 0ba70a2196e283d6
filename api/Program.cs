using SessionService.Api;
using SessionService.Silo;

// Embedded mode: this process co-hosts one silo (localhost clustering, SQLite under Storage:Path).
var builder = WebApplication.CreateBuilder(args);
builder.UseOrleans(silo => silo.AddEmbeddedSessionSilo(builder.Configuration));
builder.AddSessionApi();

var app = builder.Build();
app.UseSessionApi();
app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
