using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using SessionService.Tests.Support;
using static SessionService.Tests.Support.WordPressCalls;

namespace SessionService.Tests.Http.Compat.WordPress;

/// <summary>
/// What needs a node of its own: RevealUnknownUsers on, the refresh token's expiry and purge under a fake
/// clock moved by weeks, and a node with the surface off.
/// </summary>
public sealed class WordPressOwnNodeTests : IAsyncLifetime
{
    private OwnNode _node = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _node = new OwnNode(new Dictionary<string, string?>
        {
            ["Compat:WordPress:Enabled"] = "true",
            ["Compat:WordPress:RevealUnknownUsers"] = "true",
        });
        _client = _node.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task RevealUnknownUsers_AnswersInvalidUsernameOrEmail_AndStillIncorrectPasswordForAKnownOne()
    {
        var (name, _) = await _client.NewUserAsync();

        var byName = await (await _client.WordPressAsync("/token", Form(("username", "nobody-at-all"), ("password", "whatever-pass-1")))).EnvelopeAsync();
        var byEmail = await (await _client.WordPressAsync("/token", Form(("username", "nobody@example.com"), ("password", "whatever-pass-1")))).EnvelopeAsync();
        var known = await (await _client.WordPressAsync("/token", Form(("username", name), ("password", "whatever-pass-1")))).EnvelopeAsync();

        Assert.Equal(("invalid_username", "Error: The username nobody-at-all is not registered on this site. If you are unsure of your username, try your email address instead."),
            (byName.Code, byName.Message));
        Assert.Equal(("invalid_email", "Unknown email address. Check again or try your username."), (byEmail.Code, byEmail.Message));
        Assert.Equal("incorrect_password", known.Code);
    }

    [Fact]
    public async Task RefreshToken_ValidUntilItsExpiry_ThenExpired_ThenInvalidOnceThePluginWouldHavePurgedIt()
    {
        var (name, _) = await _client.NewUserAsync();
        var (_, old) = await _client.WordPressLoginAsync(name, "Phone");
        var current = RefreshCookie(await _client.WordPressAsync("/token/refresh", Form(("device", "Phone")), old))!;
        var clock = _node.Factory.Clock;

        clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await _client.WordPressAsync("/token", Form(("device", "Phone")), current)).StatusCode);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("jwt_auth_expired_refresh_token", (await (await _client.WordPressAsync("/token", Form(("device", "Phone")), current)).EnvelopeAsync()).Code);
        Assert.Equal("Refresh token has expired", (await (await _client.WordPressAsync("/token/refresh", Form(("device", "Phone")), current)).EnvelopeAsync()).Message);
        Assert.Equal("jwt_auth_obsolete_refresh_token", (await (await _client.WordPressAsync("/token", Form(("device", "Phone")), old)).EnvelopeAsync()).Code);

        clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        Assert.Equal("jwt_auth_expired_refresh_token", (await (await _client.WordPressAsync("/token", Form(("device", "Phone")), current)).EnvelopeAsync()).Code);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("jwt_auth_invalid_refresh_token", (await (await _client.WordPressAsync("/token", Form(("device", "Phone")), current)).EnvelopeAsync()).Code);
    }

    [Fact]
    public async Task Disabled_ByDefault_TheRoutesAreOurPlain404()
    {
        await using var plain = new OwnNode();

        var response = await plain.Client.PostAsync("/wp-json/jwt-auth/v1/token", null);
        var restRoute = await plain.Client.PostAsync("/?rest_route=/jwt-auth/v1/token", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, restRoute.StatusCode);
        Assert.DoesNotContain("rest_no_route", await response.Content.ReadAsStringAsync());
    }
}
