using System.Net;
using System.Text.Json;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>
/// <c>GET /users</c> on a node of its own, so the numbers it lists are only this class's. Each test makes its
/// users with explicit numbers in a block of its own and lists from the start of that block.
/// </summary>
public sealed class UserListingTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const long MaxUserNumber = 9_007_199_254_740_991;

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Pages_InNumberOrder_SkipTheGapOfADeletedUser()
    {
        var admin = await Client.AdminTokenAsync();
        const long block = 1_000_000;
        var ids = await CreateAsync(admin, block, 4);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/users/{ids[1]}", admin)).StatusCode);

        var first = await ListOkAsync($"/users?after={block}&limit=2", admin);
        var second = await ListOkAsync($"/users?after={first.Str("next")}&limit=2", admin);

        Assert.Equal([ids[0], ids[2]], Ids(first));
        Assert.Equal((block + 3).ToString(), first.Str("next"));
        Assert.Equal([ids[3]], Ids(second));
    }

    [Fact]
    public async Task LastPage_HasNoNext_OnceTheScanReachesTheHighestNumber()
    {
        var admin = await Client.AdminTokenAsync();
        const long highest = 9_000_000_000_000;
        var ids = await CreateAsync(admin, highest - 1, 1);

        var last = await ListOkAsync($"/users?after={highest - 1}", admin);
        var past = await ListOkAsync($"/users?after={highest}", admin);

        Assert.Equal(ids, Ids(last));
        Assert.Equal(JsonValueKind.Null, last.GetProperty("next").ValueKind);
        Assert.Empty(Ids(past));
        Assert.Equal(JsonValueKind.Null, past.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task UnusedNumbers_CostShortPages_BoundedPerPage_NotOneLongScan()
    {
        var admin = await Client.AdminTokenAsync();
        const long block = 2_000_000;
        var near = await CreateAsync(admin, block, 1);
        var far = await CreateAsync(admin, block + 2_500, 1);

        var pages = new List<JsonElement> { await ListOkAsync($"/users?after={block}&limit=1", admin) };
        for (var i = 0; i < 3; i++)
        {
            pages.Add(await ListOkAsync($"/users?after={pages[^1].Str("next")}&limit=1", admin));
        }

        Assert.Equal(near, Ids(pages[0]));
        Assert.Equal((block + 1).ToString(), pages[0].Str("next"));
        Assert.Empty(Ids(pages[1]));
        Assert.Equal((block + 1_001).ToString(), pages[1].Str("next"));
        Assert.Empty(Ids(pages[2]));
        Assert.Equal((block + 2_001).ToString(), pages[2].Str("next"));
        Assert.Equal(far, Ids(pages[3]));
    }

    [Fact]
    public async Task Limit_DefaultsTo50_AndTakes1And500()
    {
        var admin = await Client.AdminTokenAsync();
        const long block = 3_000_000;
        var ids = await CreateAsync(admin, block, 51);

        var byDefault = await ListOkAsync($"/users?after={block}", admin);
        var one = await ListOkAsync($"/users?after={block}&limit=1", admin);
        var most = await ListOkAsync($"/users?after={block}&limit=500", admin);

        Assert.Equal(ids[..50], Ids(byDefault));
        Assert.Equal((block + 50).ToString(), byDefault.Str("next"));
        Assert.Equal(ids[..1], Ids(one));
        Assert.Equal((block + 1).ToString(), one.Str("next"));
        Assert.Equal(ids, Ids(most));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("limit=-1")]
    [InlineData("limit=abc")]
    [InlineData("limit=1.5")]
    [InlineData("limit=")]
    [InlineData("after=abc")]
    [InlineData("after=-1")]
    [InlineData("after=+5")]
    [InlineData("after=9007199254740992")]
    [InlineData("after=99999999999999999999999")]
    [InlineData("disabled=yes")]
    [InlineData("disabled=TRUE")]
    [InlineData("username=")]
    [InlineData("email=")]
    public async Task BadLimitCursorOrFilter_Is400InvalidRequest(string query)
    {
        var response = await Client.GetAsync("/users?" + query, await Client.AdminTokenAsync());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task LargestCursor_IsAccepted_AndListsNothing()
    {
        var page = await ListOkAsync($"/users?after={MaxUserNumber}", await Client.AdminTokenAsync());

        Assert.Empty(Ids(page));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task NoToken_Is401_AndNonAdmin_Is403Forbidden()
    {
        var (name, _) = await Client.NewUserAsync();
        var member = (await Client.LoginOkAsync(name)).Str("access_token");

        await (await Client.GetAsync("/users", bearer: null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
        await (await Client.GetAsync("/users", "not-a-token")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        await (await Client.GetAsync("/users", member)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Items_AreTheSameAsGetUserById()
    {
        var admin = await Client.AdminTokenAsync();
        const long block = 4_000_000;
        var created = await Client.PostAsync("/users", new
        {
            username = "listed-" + Guid.NewGuid().ToString("N")[..8], password = ApiCalls.Password, number = block + 1,
            roles = new[] { "ops" }, email = "listed@example.com", display_name = "Listed", claims = new { tier = 2 },
        }, admin);
        var id = (await created.JsonAsync()).Str("id");

        var item = Assert.Single((await ListOkAsync($"/users?after={block}&limit=1", admin)).GetProperty("data").EnumerateArray());
        var single = await Client.GetAsync($"/users/{id}", admin);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((await single.JsonAsync()).GetRawText(), item.GetRawText());
    }

    [Fact]
    public async Task UsernameFilter_FindsTheOneUser_InAnyCase_AndNothingForAnUnknownName()
    {
        var admin = await Client.AdminTokenAsync();
        var (name, id) = await Client.NewUserAsAsync(admin);

        var found = await ListOkAsync($"/users?username={name.ToUpperInvariant()}", admin);
        var unknown = await ListOkAsync("/users?username=nobody-" + Guid.NewGuid().ToString("N")[..8], admin);
        var invalid = await ListOkAsync("/users?username=has%20space", admin);

        Assert.Equal([id], Ids(found));
        Assert.Equal(JsonValueKind.Null, found.GetProperty("next").ValueKind);
        Assert.Empty(Ids(unknown));
        Assert.Empty(Ids(invalid));
    }

    [Fact]
    public async Task EmailFilter_ListsEveryUserWithThatEmail_InNumberOrder_AndPages()
    {
        var admin = await Client.AdminTokenAsync();
        const long block = 5_000_000;
        var email = $"shared-{Guid.NewGuid():N}@example.com";
        var later = await CreateAsync(admin, block + 10, 1, email);
        var earlier = await CreateAsync(admin, block, 1, email.ToUpperInvariant());
        await CreateAsync(admin, block + 20, 1, "other-" + email);

        var all = await ListOkAsync($"/users?email={Uri.EscapeDataString(email)}", admin);
        var first = await ListOkAsync($"/users?email={Uri.EscapeDataString(email)}&limit=1", admin);
        var second = await ListOkAsync($"/users?email={Uri.EscapeDataString(email)}&limit=1&after={first.Str("next")}", admin);

        Assert.Equal([.. earlier, .. later], Ids(all));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("next").ValueKind);
        Assert.Equal(earlier, Ids(first));
        Assert.Equal((block + 1).ToString(), first.Str("next"));
        Assert.Equal(later, Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task DisabledFilter_KeepsOnlyUsersInThatState()
    {
        var admin = await Client.AdminTokenAsync();
        const long block = 6_000_000;
        var ids = await CreateAsync(admin, block, 3);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync($"/users/{ids[1]}/disable", bearer: admin)).StatusCode);

        var disabled = await ListOkAsync($"/users?after={block}&limit=1&disabled=true", admin);
        var enabled = await ListOkAsync($"/users?after={block}&limit=2&disabled=false", admin);
        var byName = await ListOkAsync($"/users?username={(await UsernameAsync(ids[1], admin))}&disabled=false", admin);

        Assert.Equal([ids[1]], Ids(disabled));
        Assert.Equal((block + 2).ToString(), disabled.Str("next"));
        Assert.Equal([ids[0], ids[2]], Ids(enabled));
        Assert.Empty(Ids(byName));
    }

    /// <summary>Users numbered <paramref name="after"/> + 1 onwards, in order; their ids.</summary>
    private async Task<string[]> CreateAsync(string admin, long after, int count, string? email = null) =>
        [.. (await Client.NewNumberedUsersAsync(admin, after, count, email)).Select(u => u.Id)];

    private async Task<string> UsernameAsync(string id, string admin) =>
        (await (await Client.GetAsync($"/users/{id}", admin)).JsonAsync()).Str("username");

    private async Task<JsonElement> ListOkAsync(string path, string admin)
    {
        var response = await Client.GetAsync(path, admin);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string[] Ids(JsonElement page) => [.. page.GetProperty("data").EnumerateArray().Select(u => u.Str("id"))];
}
