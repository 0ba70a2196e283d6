using System.Net;
using System.Text.Json;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class UserProfileTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Get_ShowsANumberAndEmptyProfile_ThenPatchEditsWithMergePatchMeaning()
    {
        var admin = await Client.AdminTokenAsync();
        var (_, id) = await Client.NewUserAsync();

        var fresh = await (await Client.GetAsync($"/users/{id}", admin)).JsonAsync();
        var first = await Client.PatchUserAsync(id, new { email = "ann@example.com", display_name = "Ann A.", first_name = "Ann", claims = new { tenant = "acme", level = 3 } }, admin);
        var second = await Client.PatchUserRawAsync(id, """{"display_name": null, "last_name": "Lee"}""", admin);
        var fetched = await (await Client.GetAsync($"/users/{id}", admin)).JsonAsync();

        Assert.True(fresh.GetProperty("number").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Null, fresh.GetProperty("email").ValueKind);
        Assert.Empty(fresh.GetProperty("claims").EnumerateObject());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(fresh.GetProperty("number").GetInt64(), fetched.GetProperty("number").GetInt64());
        Assert.Equal("ann@example.com", fetched.Str("email"));
        Assert.Equal(JsonValueKind.Null, fetched.GetProperty("display_name").ValueKind);
        Assert.Equal("Ann", fetched.Str("first_name"));
        Assert.Equal("Lee", fetched.Str("last_name"));
        Assert.Equal("acme", fetched.GetProperty("claims").Str("tenant"));
        Assert.Equal(3, fetched.GetProperty("claims").GetProperty("level").GetInt32());
    }

    [Fact]
    public async Task Claims_AppearInTheNextLoginAndRefresh_AndValidate_AndNullClearsThem()
    {
        var admin = await Client.AdminTokenAsync();
        var (name, id) = await Client.NewUserAsync();
        var before = await Client.LoginOkAsync(name);

        await Client.PatchUserAsync(id, new { email = "bo@example.com", claims = new { tenant = "acme", plan = new { seats = 5 } } }, admin);
        var refreshed = await (await Client.RefreshAsync(before.Str("refresh_token"))).JsonAsync();
        var login = await Client.LoginOkAsync(name);
        var validated = await (await Client.ValidateAsync(refreshed.Str("access_token"))).JsonAsync();

        Assert.False(UserPatches.Payload(before.Str("access_token")).TryGetProperty("tenant", out _));
        foreach (var token in new[] { refreshed.Str("access_token"), login.Str("access_token") })
        {
            var payload = UserPatches.Payload(token);
            Assert.Equal("acme", payload.Str("tenant"));
            Assert.Equal(5, payload.GetProperty("plan").GetProperty("seats").GetInt32());
            Assert.Equal("bo@example.com", payload.Str("email"));
            Assert.True(payload.GetProperty("number").GetInt64() > 0);
        }

        Assert.True(validated.GetProperty("valid").GetBoolean());
        Assert.Equal("acme", validated.GetProperty("claims").Str("tenant"));

        await Client.PatchUserRawAsync(id, """{"claims": null}""", admin);
        Assert.False(UserPatches.Payload((await Client.LoginOkAsync(name)).Str("access_token")).TryGetProperty("tenant", out _));
    }

    [Theory]
    [InlineData("""{"claims": {"sub": "someone-else"}}""", "sub")]
    [InlineData("""{"claims": {"Roles": ["admin"]}}""", "Roles")]
    [InlineData("""{"claims": {"scope": "admin"}}""", "scope")]
    [InlineData("""{"claims": {"EMAIL": "x@example.com"}}""", "EMAIL")]
    [InlineData("""{"claims": {"": 1}}""", "''")]
    [InlineData("""{"claims": "tenant"}""", "claims")]
    [InlineData("""{"email": "not an address"}""", "email")]
    [InlineData("""{"email": 7}""", "email")]
    [InlineData("""{"first_name": "a\u202Eb"}""", "first_name")]
    [InlineData("""{"last_name": "   "}""", "last_name")]
    [InlineData("""{"roles": ["admin"]}""", "roles")]
    [InlineData("""{"number": 5}""", "number")]
    public async Task Patch_Is400_NamingTheBadField(string body, string named)
    {
        var (_, id) = await Client.NewUserAsync();

        var response = await Client.PatchUserRawAsync(id, body, await Client.AdminTokenAsync());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains(named, (await response.JsonAsync()).Str("detail"));
    }

    [Fact]
    public async Task ClaimsInAForm_AreRefused_NotSilentlyDropped()
    {
        var admin = await Client.AdminTokenAsync();
        var (_, id) = await Client.NewUserAsync();
        var form = () => new FormUrlEncodedContent(new Dictionary<string, string> { ["claims"] = "{\"tenant\":\"acme\"}", ["username"] = "form-" + Guid.NewGuid().ToString("N")[..8], ["password"] = ApiCalls.Password });

        var patch = await Client.SendAsync(HttpMethod.Patch, $"/users/{id}", bearer: admin, content: new FormUrlEncodedContent(new Dictionary<string, string> { ["claims"] = "{}" }));
        var create = await Client.SendAsync(HttpMethod.Post, "/users", bearer: admin, content: form());

        await patch.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await create.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Patch_BoundsTheClaimsInCountAndSize()
    {
        var admin = await Client.AdminTokenAsync();
        var (_, id) = await Client.NewUserAsync();
        var tooMany = Enumerable.Range(0, 33).ToDictionary(i => $"c{i}", i => i);
        var tooBig = new Dictionary<string, string> { ["a"] = new string('x', 1100), ["b"] = new string('y', 1100) };

        await (await Client.PatchUserAsync(id, new { claims = tooMany }, admin)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        await (await Client.PatchUserAsync(id, new { claims = tooBig }, admin)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(HttpStatusCode.OK, (await Client.PatchUserAsync(id, new { claims = tooMany.Take(32).ToDictionary() }, admin)).StatusCode);
    }

    [Fact]
    public async Task Patch_NeedsAnAdmin_AndAnExistingUser()
    {
        var (name, id) = await Client.NewUserAsync();
        var member = (await Client.LoginOkAsync(name)).Str("access_token");

        await (await Client.PatchUserAsync(id, new { claims = new { tenant = "mine" } }, member)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await Client.PatchUserAsync(id, new { email = "a@example.com" }, null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
        await (await Client.PatchUserAsync("0123456789abcdef0123456789abcdef", new { email = "a@example.com" }, await Client.AdminTokenAsync()))
            .AssertProblemAsync(HttpStatusCode.NotFound, "user_not_found");
    }

    [Fact]
    public async Task Create_TakesProfileClaimsAndAnExplicitNumber_AndRefusesATakenNumber()
    {
        var admin = await Client.AdminTokenAsync();
        var number = 1_000_000 + Random.Shared.NextInt64(1_000_000_000);
        var name = "numbered-" + Guid.NewGuid().ToString("N")[..8];

        var created = await Client.PostAsync("/users", new { username = name, password = ApiCalls.Password, number, email = "n@example.com", claims = new { wp_id = number } }, admin);
        var again = await Client.PostAsync("/users", new { username = name + "-2", password = ApiCalls.Password, number }, admin);
        var retried = await Client.PostAsync("/users", new { username = name + "-2", password = ApiCalls.Password }, admin);
        var fetched = await (await Client.GetAsync($"/users/{(await created.JsonAsync()).Str("id")}", admin)).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "number_taken");
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(number, fetched.GetProperty("number").GetInt64());
        Assert.Equal("n@example.com", fetched.Str("email"));
        Assert.Equal(number, fetched.GetProperty("claims").GetProperty("wp_id").GetInt64());
    }
}
