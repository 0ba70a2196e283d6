using System.Diagnostics;
using System.Net;
using SessionService.Tests.Support;
using Xunit.Abstractions;

namespace SessionService.Tests.ResourceServer;

/// <summary>
/// The sample API protected by <c>AddSessionTokens</c> against the in-memory service and its real
/// revocation stream (real time): valid tokens pass, a logout or revoked device is refused within one
/// second with no call per request, and a token for another audience never passes.
/// </summary>
public sealed class ResourceServerRevocationTests(LiveFeedFixture fixture, ITestOutputHelper output) : IClassFixture<LiveFeedFixture>
{
    [Fact]
    public async Task AValidAccessToken_IsAccepted_AsItsUser()
    {
        var user = await fixture.Service.CreateUserAsync();
        var tokens = await fixture.Service.LoginAsync(user);

        var response = await fixture.Api.GetOrdersAsync(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(user.Id, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ALogout_IsRefusedWithinOneSecond()
    {
        var tokens = await fixture.Service.LoginAsync(await fixture.Service.CreateUserAsync());
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.GetOrdersAsync(tokens.AccessToken)).StatusCode);

        var watch = Stopwatch.StartNew();
        await fixture.Service.LogoutAsync(tokens);
        await Eventually.StatusAsync(() => fixture.Api.GetOrdersAsync(tokens.AccessToken), HttpStatusCode.Unauthorized);

        output.WriteLine($"from the logout request to the resource server refusing: {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task ARevokedDevice_IsRefusedWithinOneSecond_WhileTheUsersOtherDeviceIsStillAccepted()
    {
        var user = await fixture.Service.CreateUserAsync();
        var phone = await fixture.Service.LoginAsync(user, "phone");
        var laptop = await fixture.Service.LoginAsync(user, "laptop");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.GetOrdersAsync(laptop.AccessToken)).StatusCode);

        var watch = Stopwatch.StartNew();
        await fixture.Service.RevokeDeviceAsync(phone, "laptop");
        await Eventually.StatusAsync(() => fixture.Api.GetOrdersAsync(laptop.AccessToken), HttpStatusCode.Unauthorized);

        output.WriteLine($"from the device revocation request to the resource server refusing: {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.GetOrdersAsync(phone.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task ADisabledUser_IsRefusedWithinOneSecond()
    {
        var user = await fixture.Service.CreateUserAsync();
        var tokens = await fixture.Service.LoginAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.GetOrdersAsync(tokens.AccessToken)).StatusCode);

        await fixture.Service.DisableUserAsync(user);

        await Eventually.StatusAsync(() => fixture.Api.GetOrdersAsync(tokens.AccessToken), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATokenForAnotherAudience_IsRefused_OneForThisAudienceIsAccepted()
    {
        var thisApi = await fixture.Service.CreateServiceTokenAsync(scope: null, audience: fixture.Service.Options.Audience);
        var otherApi = await fixture.Service.CreateServiceTokenAsync(scope: null, audience: "some-other-api");

        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.GetOrdersAsync(thisApi)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Api.GetOrdersAsync(otherApi)).StatusCode);
    }
}
