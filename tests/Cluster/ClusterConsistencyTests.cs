using System.Net;
using SessionService.Tests.Http.Routes;
using SessionService.Tests.Support;

namespace SessionService.Tests.Cluster;

/// <summary>Two API nodes over two silo processes on PostgreSQL answer as one.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterConsistencyTests(ClusterFixture fixture)
{
    private HttpClient Node1 => fixture.Node1;
    private HttpClient Node2 => fixture.Node2;

    [Fact]
    public async Task LoginOnOneNode_RefreshesAndValidatesOnTheOther()
    {
        var (name, id) = await Node1.NewUserAsync();
        var login = await Node1.LoginOkAsync(name, device: "phone");

        var refreshed = await Node2.RefreshAsync(login.Str("refresh_token"));
        var json = await refreshed.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(id, json.GetProperty("user").Str("id"));
        Assert.Equal(HttpStatusCode.OK, (await Node1.ValidateAsync(json.Str("access_token"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Node2.ValidateAsync(login.Str("access_token"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Node1.RefreshAsync(json.Str("refresh_token"))).StatusCode);
    }

    [Fact]
    public async Task FortyConcurrentRefreshesAcrossBothNodes_AllGetOneSuccessor()
    {
        var (name, _) = await Node1.NewUserAsync();
        var token = (await Node1.LoginOkAsync(name)).Str("refresh_token");
        using var start = new SemaphoreSlim(0);

        var calls = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await (i % 2 == 0 ? Node1 : Node2).RefreshAsync(token);
        })).ToArray();
        start.Release(calls.Length);
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var successors = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).Str("refresh_token")));
        var successor = Assert.Single(successors.Distinct());
        Assert.Equal(HttpStatusCode.OK, (await Node2.RefreshAsync(successor)).StatusCode);
    }

    [Fact]
    public async Task FortyConcurrentRouteClaimsAcrossBothNodes_ExactlyMaxUsesSucceed()
    {
        var (name, _) = await Node1.NewUserAsync();
        var bearer = (await Node1.LoginOkAsync(name)).Str("access_token");
        var token = (await Node1.IssueOkAsync(bearer, new { path = "/files/a", max_uses = 5 })).Str("token");
        using var start = new SemaphoreSlim(0);

        var calls = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await (i % 2 == 0 ? Node1 : Node2).ClaimAsync(token);
        })).ToArray();
        start.Release(calls.Length);
        var responses = await Task.WhenAll(calls);

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(35, responses.Count(r => r.StatusCode == HttpStatusCode.Gone));
    }

    [Fact]
    public async Task RouteTokenRevokedOnOneNode_IsRefusedOnTheOtherAtOnce()
    {
        var (name, _) = await Node1.NewUserAsync();
        var bearer = (await Node1.LoginOkAsync(name)).Str("access_token");
        var route = await Node1.IssueOkAsync(bearer, new { path = "/files/a" });
        Assert.Equal(HttpStatusCode.OK, (await Node2.VerifyAsync(route.Str("url"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Node1.DeleteAsync("/routes/" + route.Str("id"), bearer)).StatusCode);

        await (await Node2.VerifyAsync(route.Str("url"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_route_token");
    }

    [Fact]
    public async Task ConcurrentClaimPatchesOnBothNodes_EndInOneWholeSet_ThatBothNodesNextTokensCarry()
    {
        var admin = await Node1.AdminTokenAsync();
        var (name, id) = await Node1.NewUserAsync();
        var onNode1 = (await Node1.LoginOkAsync(name, device: "one")).Str("refresh_token");
        var onNode2 = (await Node2.LoginOkAsync(name, device: "two")).Str("refresh_token");
        using var start = new SemaphoreSlim(0);

        var patches = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await (i % 2 == 0 ? Node1 : Node2).PatchUserAsync(id, new { claims = new { writer = i, tag = $"set-{i}", node = i % 2 } }, admin);
        })).ToArray();
        start.Release(patches.Length);
        var responses = await Task.WhenAll(patches);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var seen1 = (await (await Node1.GetAsync($"/users/{id}", admin)).JsonAsync()).GetProperty("claims");
        var seen2 = (await (await Node2.GetAsync($"/users/{id}", admin)).JsonAsync()).GetProperty("claims");
        var writer = seen1.GetProperty("writer").GetInt32();
        Assert.Equal(seen1.GetRawText(), seen2.GetRawText());
        Assert.Equal($"set-{writer}", seen1.Str("tag"));
        Assert.Equal(writer % 2, seen1.GetProperty("node").GetInt32());
        foreach (var refreshed in new[] { await Node1.RefreshAsync(onNode1), await Node2.RefreshAsync(onNode2) })
        {
            var payload = UserPatches.Payload((await refreshed.JsonAsync()).Str("access_token"));
            Assert.Equal(writer, payload.GetProperty("writer").GetInt32());
            Assert.Equal($"set-{writer}", payload.Str("tag"));
        }
    }

    [Fact]
    public async Task LogoutOnOneNode_IsObsoleteOnTheOtherWithinOneSecond()
    {
        var (name, _) = await Node1.NewUserAsync();
        var token = (await Node2.LoginOkAsync(name)).Str("access_token");
        Assert.Equal(HttpStatusCode.OK, (await Node2.ValidateAsync(token)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Node1.PostAsync("/auth/logout", bearer: token)).StatusCode);

        await Eventually.ProblemAsync(() => Node2.ValidateAsync(token), "obsolete_token");
    }

    [Fact]
    public async Task KeyRotationOnOneNode_SignsWithNewKeyOnTheOther()
    {
        var (name, _) = await Node1.NewUserAsync();
        var before = (await Node2.LoginOkAsync(name)).Str("access_token");

        var rotate = await Node1.PostAsync("/admin/keys/rotate", bearer: await Node1.AdminTokenAsync());
        var kid = (await rotate.JsonAsync()).Str("kid");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        string after;
        do
        {
            after = (await Node2.LoginOkAsync(name)).Str("access_token");
        }
        while (!HeaderOf(after).Contains(kid) && DateTime.UtcNow < deadline);

        Assert.Contains(kid, HeaderOf(after));
        Assert.Equal(HttpStatusCode.OK, (await Node1.ValidateAsync(after)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Node2.ValidateAsync(before)).StatusCode);
    }

    private static string HeaderOf(string token) =>
        System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(token.Split('.')[0]));

    [Fact]
    public async Task DeletedConsumerCredentialOnOneNode_StopsVerifyingOnTheOtherWithinOneSecond()
    {
        var admin = await Node1.AdminTokenAsync();
        var consumer = await Node1.NewConsumerAsync(admin);
        var token = consumer.Token(DateTimeOffset.UtcNow);
        await Eventually.StatusAsync(() => Node2.ForwardAuthAsync(token), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await Node1.DeleteAsync($"/admin/consumers/{consumer.Username}/jwt/{consumer.Key}", admin)).StatusCode);

        await Eventually.ProblemAsync(() => Node2.ForwardAuthAsync(token), "no_credentials");
    }

    [Fact]
    public async Task OneCredentialKeyCreatedOnBothNodesAtOnce_IsCreatedExactlyOnce()
    {
        var admin = await Node1.AdminTokenAsync();
        var first = await Node1.NewConsumerAsync(admin);
        var second = await Node2.NewConsumerAsync(admin);
        var key = "raced-" + Guid.NewGuid().ToString("N");
        using var start = new SemaphoreSlim(0);

        var calls = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return i % 2 == 0
                ? await Node1.PostAsync($"/admin/consumers/{first.Username}/jwt", new { key }, admin)
                : await Node2.PostAsync($"/admin/consumers/{second.Username}/jwt", new { key }, admin);
        })).ToArray();
        start.Release(calls.Length);
        var responses = await Task.WhenAll(calls);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }
}
