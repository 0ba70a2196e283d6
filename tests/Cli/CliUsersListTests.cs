using System.Net;
using System.Text.Json;
using SessionService.Cli;
using SessionService.Tests.Support;

namespace SessionService.Tests.Cli;

/// <summary>
/// <c>sessionctl users list</c> paging against a node of its own, so the user numbers are only this class's: each
/// test numbers its users in a block of its own and lists from the start of it.
/// </summary>
public sealed class CliUsersListTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task OnePage_PrintsItsRowsInNumberOrder_AndSaysHowToGoOn()
    {
        var admin = await Client.AdminTokenAsync();
        const long block = 1_000_000;
        var users = await Client.NewNumberedUsersAsync(admin, block, 3);

        var run = await new CliRunner(Client, admin).RunAsync("users", "list", "--after", $"{block}", "--limit", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches($"^{block + 1} +{users[0].Id} +{users[0].Name} +false$", lines[1]);
        Assert.Matches($"^{block + 2} +{users[1].Id} +{users[1].Name} +false$", lines[2]);
        Assert.Equal($"More: the same command with --after {block + 2} (or --all).\n", run.Error);
    }

    [Fact]
    public async Task All_FollowsNextAcrossPagesAndADeletedUser_IntoOneAnswerWithoutNext()
    {
        // The highest block of this class, so the walk to the end crosses no other test's users.
        var admin = await Client.AdminTokenAsync();
        const long block = 9_000_000_000_000;
        var users = await Client.NewNumberedUsersAsync(admin, block, 5);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/users/{users[1].Id}", admin)).StatusCode);
        var cli = new CliRunner(Client, admin);

        var json = await cli.RunAsync("users", "list", "--all", "--after", $"{block}", "--limit", "2", "--json");
        var table = await cli.RunAsync("users", "list", "--all", "--after", $"{block}", "--limit", "2");

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal([users[0].Id, users[2].Id, users[3].Id, users[4].Id],
            json.Json().GetProperty("data").EnumerateArray().Select(u => u.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, json.Json().GetProperty("next").ValueKind);
        Assert.Equal(5, table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("", table.Error);
    }

    [Fact]
    public async Task Json_IsTheServiceAnswer()
    {
        var admin = await Client.AdminTokenAsync();
        const long block = 2_000_000;
        await Client.NewNumberedUsersAsync(admin, block, 2);

        var run = await new CliRunner(Client, admin).RunAsync("users", "list", "--after", $"{block}", "--limit", "1", "--json");
        var direct = await (await Client.GetAsync($"/users?after={block}&limit=1", admin)).Content.ReadAsStringAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(direct + "\n", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task EmailAndDisabledFilters_ReachTheService()
    {
        var admin = await Client.AdminTokenAsync();
        const long block = 3_000_000;
        var email = $"cli-{Guid.NewGuid():N}@example.com";
        var users = await Client.NewNumberedUsersAsync(admin, block, 2, email);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync($"/users/{users[1].Id}/disable", bearer: admin)).StatusCode);

        var run = await new CliRunner(Client, admin).RunAsync("users", "list", "--email", email, "--disabled", "true", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([users[1].Id], run.Json().GetProperty("data").EnumerateArray().Select(u => u.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task LimitZero_Exits3WithTheServicesInvalidRequest()
    {
        var run = await new CliRunner(Client, await Client.AdminTokenAsync()).RunAsync("users", "list", "--limit", "0");

        CliAssert.Refused(run, ExitCodes.Refused, "invalid_request", 400);
    }

    [Fact]
    public async Task DisabledOtherThanTrueOrFalse_IsAUsageError()
    {
        var run = await new CliRunner(Client, "unused-token").RunAsync("users", "list", "--disabled", "yes");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: usage: ", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task All_StopsWithUnexpectedAnswer_WhenTheServicesCursorDoesNotMove()
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"data":[],"next":"5"}""", System.Text.Encoding.UTF8, "application/json"),
        });

        var run = await new CliRunner(new HttpClient(stub), "token").RunAsync("users", "list", "--all");

        CliAssert.Refused(run, ExitCodes.Unavailable, "unexpected_answer");
        Assert.Equal(["/users", "/users?after=5"], stub.Uris.Select(u => u.PathAndQuery));
    }
}
