using SessionService.Testing;

namespace SessionService.Tests.ResourceServer;

/// <summary>One in-memory session service (the package's test fixture) shared by a test class.</summary>
public sealed class InMemoryServiceFixture : IAsyncLifetime
{
    public InMemorySessionService Service { get; private set; } = null!;

    public async Task InitializeAsync() => Service = await InMemorySessionService.StartAsync();

    public async Task DisposeAsync() => await Service.DisposeAsync();
}
