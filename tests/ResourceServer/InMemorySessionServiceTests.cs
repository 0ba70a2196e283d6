using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SessionService.Tests.Support;

namespace SessionService.Tests.ResourceServer;

/// <summary>The package's test fixture itself: the real API in memory, no port, and its clock under the test's control.</summary>
public sealed class InMemorySessionServiceTests(InMemoryServiceFixture fixture) : IClassFixture<InMemoryServiceFixture>
{
    [Fact]
    public void ItServesThroughATestServer_NoSocketIsOpened()
    {
        Assert.IsType<TestServer>(fixture.Service.Services.GetRequiredService<IServer>());
    }

    [Fact]
    public async Task LoginAndRefresh_GiveWorkingTokens_AndTheOldRefreshTokenIsThenThePreviousOne()
    {
        var service = fixture.Service;
        var first = await service.LoginAsync(await service.CreateUserAsync());

        var second = await service.RefreshAsync(first);

        using var client = service.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.ValidateAsync(second.AccessToken)).StatusCode);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
    }

    [Fact]
    public async Task TheFakeClock_ExpiresAccessTokens_AfterLifetimeAndLeeway()
    {
        var service = fixture.Service;
        var tokens = await service.LoginAsync(await service.CreateUserAsync());
        using var client = service.CreateClient();
        // The defaults: 10 min lifetime, 30 s leeway.
        var lifetimeAndLeeway = TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(30);

        service.Clock.Advance(lifetimeAndLeeway - TimeSpan.FromSeconds(1));
        var justBefore = await client.ValidateAsync(tokens.AccessToken);
        service.Clock.Advance(TimeSpan.FromSeconds(2));
        var justAfter = await client.ValidateAsync(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, justBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, justAfter.StatusCode);
    }
}
