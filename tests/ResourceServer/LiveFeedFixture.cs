using SessionService.Testing;

namespace SessionService.Tests.ResourceServer;

/// <summary>The in-memory service and the sample API following its real revocation stream, shared by a test class.</summary>
public sealed class LiveFeedFixture : IAsyncLifetime
{
    public InMemorySessionService Service { get; private set; } = null!;

    public SampleResourceServer Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Service = await InMemorySessionService.StartAsync();
        Api = await SampleResourceServer.StartAsync(Service.Configure);
        await Api.WaitUntilLiveAsync();
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Service.DisposeAsync();
    }
}
