using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class UsersTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task CreateUser_Is201_ThenGetReturnsIt()
    {
        var admin = await Client.AdminTokenAsync();
        var name = "Created-" + Guid.NewGuid().ToString("N")[..8];

        var created = await Client.PostAsync("/users", new { username = name, password = ApiCalls.Password, roles = new[] { "a", "b" } }, admin);
        var json = await created.JsonAsync();
        var fetched = await Client.GetAsync($"/users/{json.Str("id")}", admin);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/users/{json.Str("id")}", created.Headers.Location?.ToString());
        Assert.Equal(name, json.Str("username"));
        Assert.Equal(2, json.GetProperty("roles").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(name, (await fetched.JsonAsync()).Str("username"));
    }

    [Fact]
    public async Task CreateUser_IsConflict_WhenNameTakenInAnyCase()
    {
        var (name, _) = await Client.NewUserAsync();
        var admin = await Client.AdminTokenAsync();

        var response = await Client.PostAsync("/users", new { username = name.ToUpperInvariant(), password = ApiCalls.Password }, admin);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "username_taken");
    }

    [Fact]
    public async Task CreateUser_HasOneWinner_WhenSameNameCreatedInParallel()
    {
        var admin = await Client.AdminTokenAsync();
        var name = "parallel-" + Guid.NewGuid().ToString("N")[..8];

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => Client.PostAsync("/users", new { username = name, password = ApiCalls.Password }, admin))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Theory]
    [InlineData("ab", "invalid_username")]
    [InlineData("has space", "invalid_username")]
    [InlineData("semi;colon", "invalid_username")]
    [InlineData("\uFDFA\uFDFA\uFDFA\uFDFA", "invalid_username")]
    public async Task CreateUser_Is400_ForBadUsername(string username, string code)
    {
        var response = await Client.PostAsync("/users", new { username, password = ApiCalls.Password }, await Client.AdminTokenAsync());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task UsernameThatExpandsPastTheLimit_Is400OnCreate_And401OnLogin()
    {
        var name = string.Concat(Enumerable.Repeat("\uFB03", 21)) + "ab"; // 65 characters once NFKC-normalized
        var fits = name[..^1]; // 64

        var refused = await Client.PostAsync("/users", new { username = name, password = ApiCalls.Password }, await Client.AdminTokenAsync());
        var created = await Client.PostAsync("/users", new { username = fits, password = ApiCalls.Password }, await Client.AdminTokenAsync());

        await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_username");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await (await Client.LoginAsync(name)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(HttpStatusCode.OK, (await Client.LoginAsync(fits)).StatusCode);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaa")]
    public async Task CreateUser_Is400_ForWeakPassword(string password)
    {
        var name = "weak-" + Guid.NewGuid().ToString("N")[..8];

        var response = await Client.PostAsync("/users", new { username = name, password }, await Client.AdminTokenAsync());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "weak_password");
    }

    [Fact]
    public async Task Users_Is401WithoutToken_And403ForNonAdmin()
    {
        var (name, _) = await Client.NewUserAsync();
        var member = (await Client.LoginOkAsync(name)).Str("access_token");

        await (await Client.PostAsync("/users", new { username = "x-user", password = ApiCalls.Password })).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
        await (await Client.PostAsync("/users", new { username = "x-user", password = ApiCalls.Password }, member)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await Client.GetAsync("/users/" + Guid.NewGuid().ToString("N"), member)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await Client.PostAsync("/admin/keys/rotate", bearer: member)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("not-an-id")]
    public async Task UserEndpoints_Are404_ForUnknownUser(string id)
    {
        var admin = await Client.AdminTokenAsync();

        await (await Client.GetAsync($"/users/{id}", admin)).AssertProblemAsync(HttpStatusCode.NotFound, "user_not_found");
        await (await Client.DeleteAsync($"/users/{id}", admin)).AssertProblemAsync(HttpStatusCode.NotFound, "user_not_found");
        await (await Client.PostAsync($"/users/{id}/disable", bearer: admin)).AssertProblemAsync(HttpStatusCode.NotFound, "user_not_found");
        await (await Client.PostAsync($"/users/{id}/enable", bearer: admin)).AssertProblemAsync(HttpStatusCode.NotFound, "user_not_found");
        await (await Client.GetAsync($"/users/{id}/login-attempts", admin)).AssertProblemAsync(HttpStatusCode.NotFound, "user_not_found");
        await (await Client.GetAsync($"/users/{id}/sessions", admin)).AssertProblemAsync(HttpStatusCode.NotFound, "user_not_found");
        await (await Client.DeleteAsync($"/users/{id}/sessions", admin)).AssertProblemAsync(HttpStatusCode.NotFound, "user_not_found");
    }

    [Fact]
    public async Task DeleteUser_MakesTokensFail_AndFreesTheName()
    {
        var (name, id) = await Client.NewUserAsync();
        var login = await Client.LoginOkAsync(name);
        var admin = await Client.AdminTokenAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/users/{id}", admin)).StatusCode);

        await Eventually.ProblemAsync(() => Client.ValidateAsync(login.Str("access_token")), "user_not_found");
        await (await Client.RefreshAsync(login.Str("refresh_token"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        await (await Client.LoginAsync(name)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await Client.GetAsync($"/users/{id}", admin)).AssertProblemAsync(HttpStatusCode.NotFound, "user_not_found");
        Assert.Equal(HttpStatusCode.Created,
            (await Client.PostAsync("/users", new { username = name, password = ApiCalls.Password }, admin)).StatusCode);
    }

    [Fact]
    public async Task AdminSessions_ListAndRevokeAnotherUsersDevices()
    {
        var (name, id) = await Client.NewUserAsync();
        var login = await Client.LoginOkAsync(name, device: "kiosk");
        var admin = await Client.AdminTokenAsync();

        var list = await Client.GetAsync($"/users/{id}/sessions", admin);
        Assert.Equal("kiosk", (await list.JsonAsync())[0].Str("device"));
        Assert.False((await list.JsonAsync())[0].GetProperty("current").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/users/{id}/sessions", admin)).StatusCode);
        await Eventually.ProblemAsync(() => Client.ValidateAsync(login.Str("access_token")), "obsolete_token");
        Assert.Equal(0, (await (await Client.GetAsync($"/users/{id}/sessions", admin)).JsonAsync()).GetArrayLength());
    }
}
