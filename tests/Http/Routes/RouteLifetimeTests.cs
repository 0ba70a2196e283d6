using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Routes;

/// <summary>Expiry on the node's (fake) clock and <c>Routes:MaxLifetime</c>, on a node of this class's own.</summary>
public sealed class RouteLifetimeTests : IAsyncLifetime
{
    private readonly OwnNode _node = new(new Dictionary<string, string?> { ["Routes:MaxLifetime"] = "02:00:00" });

    private HttpClient Client => _node.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Verify_Opens_OneSecondBeforeExpiry_AndAnswersExpired_AtIt()
    {
        var (bearer, _, _) = await Client.UserTokenAsync();
        var route = await Client.IssueOkAsync(bearer, new { path = "/files/a", expires_in = 60 });

        _node.Factory.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, (await Client.VerifyAsync(route.Str("url"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.ClaimAsync(route.Str("token"))).StatusCode);

        _node.Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await Client.VerifyAsync(route.Str("url"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "expired_token");
        await (await Client.ClaimAsync(route.Str("token"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "expired_token");
    }

    [Fact]
    public async Task Issue_HonoursMaxLifetime()
    {
        var (bearer, _, _) = await Client.UserTokenAsync();

        await (await Client.PostAsync("/routes", new { path = "/files/a", expires_in = 7201 }, bearer)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        var longest = await Client.IssueOkAsync(bearer, new { path = "/files/a", expires_in = 7200 });
        var defaulted = await Client.IssueOkAsync(bearer, new { path = "/files/a" });

        var now = _node.Factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(now + 7200, longest.GetProperty("expires_at").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(now + 7200, defaulted.GetProperty("expires_at").GetDateTimeOffset().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task List_LeavesOutExpiredTokens()
    {
        var (bearer, _, _) = await Client.UserTokenAsync();
        var shortLived = (await Client.IssueOkAsync(bearer, new { path = "/files/a", expires_in = 10 })).Str("id");
        var longLived = (await Client.IssueOkAsync(bearer, new { path = "/files/b", expires_in = 100 })).Str("id");

        _node.Factory.Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([longLived], (await (await Client.GetAsync("/routes", bearer)).JsonAsync()).EnumerateArray().Select(r => r.Str("id")));
        Assert.NotEqual(shortLived, longLived);
    }
}
