using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Routes;

[Collection(ApiCollection.Name)]
public sealed class RouteAdminTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task List_ShowsOnlyTheCallersOwn()
    {
        var (alice, _, _) = await Client.UserTokenAsync();
        var (bob, _, _) = await Client.UserTokenAsync();
        var first = (await Client.IssueOkAsync(alice, new { path = "/files/1" })).Str("id");
        var second = (await Client.IssueOkAsync(alice, new { path = "/files/2", max_uses = 4 })).Str("id");
        var bobs = (await Client.IssueOkAsync(bob, new { path = "/files/3" })).Str("id");

        var list = await (await Client.GetAsync("/routes", alice)).JsonAsync();

        Assert.Equal([second, first], list.EnumerateArray().Select(r => r.Str("id")));
        Assert.Equal("/files/2", list[0].Str("path"));
        Assert.Equal(4, list[0].GetProperty("max_uses").GetInt32());
        Assert.DoesNotContain(bobs, (await (await Client.GetAsync("/routes", alice)).JsonAsync()).EnumerateArray().Select(r => r.Str("id")));
    }

    [Fact]
    public async Task Get_ShowsUses_ToOwnerAndAdmin_NotToOthers()
    {
        var (alice, _, _) = await Client.UserTokenAsync();
        var (bob, _, _) = await Client.UserTokenAsync();
        var route = await Client.IssueOkAsync(alice, new { path = "/files/1" });
        Assert.Equal(HttpStatusCode.OK, (await Client.VerifyAsync(route.Str("url"))).StatusCode);
        var path = "/routes/" + route.Str("id");

        var owner = await Client.GetAsync(path, alice);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        var body = await owner.JsonAsync();
        Assert.Equal(1, body.GetProperty("uses").GetInt32());
        var use = Assert.Single(body.GetProperty("recent_uses").EnumerateArray());
        Assert.Equal("route-tests/1.0", use.Str("user_agent"));
        Assert.Equal(fixture.Factory.Clock.GetUtcNow().ToUnixTimeSeconds(), use.GetProperty("at").GetDateTimeOffset().ToUnixTimeSeconds());

        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(path, await Client.AdminTokenAsync())).StatusCode);
        await (await Client.GetAsync(path, bob)).AssertProblemAsync(HttpStatusCode.NotFound, "route_token_not_found");
        await (await Client.GetAsync("/routes/" + new string('0', 32), alice)).AssertProblemAsync(HttpStatusCode.NotFound, "route_token_not_found");
        await (await Client.GetAsync("/routes/not-an-id", alice)).AssertProblemAsync(HttpStatusCode.NotFound, "route_token_not_found");
    }

    [Fact]
    public async Task Delete_Answers204_ThenTheTokenIsRefused()
    {
        var (alice, _, _) = await Client.UserTokenAsync();
        var (bob, _, _) = await Client.UserTokenAsync();
        var route = await Client.IssueOkAsync(alice, new { path = "/files/1" });
        var path = "/routes/" + route.Str("id");

        await (await Client.DeleteAsync(path, bob)).AssertProblemAsync(HttpStatusCode.NotFound, "route_token_not_found");
        Assert.Equal(HttpStatusCode.OK, (await Client.VerifyAsync(route.Str("url"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync(path, alice)).StatusCode);

        await (await Client.VerifyAsync(route.Str("url"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_route_token");
        await (await Client.ClaimAsync(route.Str("token"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_route_token");
        Assert.Empty((await (await Client.GetAsync("/routes", alice)).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task Delete_ByAdmin_RevokesAnyonesToken()
    {
        var (alice, _, _) = await Client.UserTokenAsync();
        var route = await Client.IssueOkAsync(alice, new { path = "/files/1" });

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/routes/" + route.Str("id"), await Client.AdminTokenAsync())).StatusCode);

        await (await Client.VerifyAsync(route.Str("url"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_route_token");
    }

    [Theory]
    [InlineData("password")]
    [InlineData("disable")]
    [InlineData("delete")]
    public async Task ActAsMe_Dies_WithTheIssuersChange(string change)
    {
        var (bearer, _, id) = await Client.UserTokenAsync();
        var acting = await Client.IssueOkAsync(bearer, new { path = "/files/1", act_as_me = true });
        var plain = await Client.IssueOkAsync(bearer, new { path = "/files/1" });
        Assert.Equal(HttpStatusCode.OK, (await Client.VerifyAsync(acting.Str("url"))).StatusCode);

        var admin = await Client.AdminTokenAsync();
        var changed = change switch
        {
            "password" => await Client.PostAsync("/auth/password", new { current_password = ApiCalls.Password, new_password = "a-new-long-password-7" }, bearer),
            "disable" => await Client.PostAsync($"/users/{id}/disable", null, admin),
            _ => await Client.DeleteAsync($"/users/{id}", admin),
        };
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());

        await (await Client.VerifyAsync(acting.Str("url"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_route_token");
        await (await Client.ClaimAsync(acting.Str("token"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_route_token");
        Assert.Equal(HttpStatusCode.OK, (await Client.VerifyAsync(plain.Str("url"))).StatusCode);
    }
}
