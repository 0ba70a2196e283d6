using Microsoft.Extensions.DependencyInjection;
using SessionService.AspNetCore;
using SessionService.Testing;

namespace SessionService.Tests.ResourceServer;

/// <summary>
/// The in-memory service and the sample API following its real revocation stream, shared by a test class.
/// The API starts with production settings that the test replaces, as the README tells users to.
/// </summary>
public sealed class LiveFeedFixture : IAsyncLifetime
{
    public InMemorySessionService Service { get; private set; } = null!;

    public SampleResourceServer Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Service = await InMemorySessionService.StartAsync();
        Api = await SampleResourceServer.StartAsync(
            o =>
            {
                o.Authority = "https://sessions.example.com";
                o.Audience = "orders-api";
                o.ServiceToken = "production-feed-token";
            },
            testServices: services => services.PostConfigure<SessionTokensOptions>(Service.Configure));
        await Api.WaitUntilLiveAsync();
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Service.DisposeAsync();
    }
}
