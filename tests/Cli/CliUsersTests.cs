using System.Net;
using SessionService.Cli;
using SessionService.Tests.Support;

namespace SessionService.Tests.Cli;

[Collection(ApiCollection.Name)]
public sealed class CliUsersTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    private async Task<CliRunner> AdminCliAsync() => new(Client, await Client.AdminTokenAsync());

    [Fact]
    public async Task Create_PrintsTheNewUser_WithThePasswordFromStdin()
    {
        var cli = await AdminCliAsync();
        var name = "cli-" + Guid.NewGuid().ToString("N")[..10];

        var run = await cli.RunWithInputAsync(ApiCalls.Password + "\n", "users", "create", name, "--role", "ops", "--role", "audit");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^id +[0-9a-f]+$", lines[0]);
        Assert.Equal($"username  {name}", lines[1]);
        Assert.Equal("roles     ops,audit", lines[2]);
        Assert.Equal(HttpStatusCode.OK, (await Client.LoginAsync(name)).StatusCode);
    }

    [Fact]
    public async Task Create_Json_IsTheServiceAnswer()
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..10];

        var run = await (await AdminCliAsync()).RunWithInputAsync(ApiCalls.Password + "\n", "users", "create", name, "--role", "ops", "--json");

        var created = run.Json();
        var fetched = await (await Client.GetAsync($"/users/{created.Str("id")}", await Client.AdminTokenAsync())).JsonAsync();
        Assert.Equal(name, created.Str("username"));
        Assert.Equal(["ops"], created.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(name, fetched.Str("username"));
    }

    [Fact]
    public async Task Create_TakenName_Exits3WithUsernameTaken()
    {
        var cli = await AdminCliAsync();
        var (name, _) = await cli.NewUserAsync();

        var run = await cli.RunWithInputAsync(ApiCalls.Password + "\n", "users", "create", name.ToUpperInvariant());

        CliAssert.Refused(run, ExitCodes.Refused, "username_taken", 409);
    }

    [Fact]
    public async Task Create_BadName_Exits3WithInvalidUsername()
    {
        var run = await (await AdminCliAsync()).RunWithInputAsync(ApiCalls.Password + "\n", "users", "create", "has space");

        CliAssert.Refused(run, ExitCodes.Refused, "invalid_username", 400);
    }

    [Fact]
    public async Task Create_WeakPassword_Exits3WithWeakPassword()
    {
        var run = await (await AdminCliAsync()).RunWithInputAsync("short\n", "users", "create", "cli-" + Guid.NewGuid().ToString("N")[..10]);

        CliAssert.Refused(run, ExitCodes.Refused, "weak_password", 400);
    }

    [Fact]
    public async Task Create_NoPasswordOnStdin_Exits2AndCreatesNothing()
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..10];

        var run = await (await AdminCliAsync()).RunWithInputAsync("", "users", "create", name);

        CliAssert.Refused(run, ExitCodes.Usage, "missing_input");
        await (await Client.LoginAsync(name)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Show_PrintsTheProfile()
    {
        var cli = await AdminCliAsync();
        var (name, id) = await cli.NewUserAsync();

        var run = await cli.RunAsync("users", "show", id);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches($"(?m)^username +{name}$", run.Out);
        Assert.Matches("(?m)^disabled +false$", run.Out);
    }

    [Fact]
    public async Task Show_UnknownId_Exits3WithUserNotFound()
    {
        var run = await (await AdminCliAsync()).RunAsync("users", "show", "0123456789abcdef0123456789abcdef");

        CliAssert.Refused(run, ExitCodes.Refused, "user_not_found", 404);
    }

    [Fact]
    public async Task Show_DotDotId_IsUsageError_NotAnotherPath()
    {
        var run = await (await AdminCliAsync()).RunAsync("users", "show", "..");

        CliAssert.Refused(run, ExitCodes.Usage, "invalid_argument");
    }

    [Fact]
    public async Task DisableThenEnable_TurnsLoginOffAndOn()
    {
        var cli = await AdminCliAsync();
        var (name, id) = await cli.NewUserAsync();

        var disabled = await cli.RunAsync("users", "disable", id);
        var loginWhileDisabled = await Client.LoginAsync(name);
        var shown = await cli.RunAsync("users", "show", id, "--json");
        var enabled = await cli.RunAsync("users", "enable", id);

        Assert.Equal($"disabled user {id}\n", disabled.Out);
        await loginWhileDisabled.AssertProblemAsync(HttpStatusCode.Forbidden, "account_disabled");
        Assert.True(shown.Json().GetProperty("disabled").GetBoolean());
        Assert.True(enabled.ExitCode == 0, enabled.ToString());
        Assert.Equal(HttpStatusCode.OK, (await Client.LoginAsync(name)).StatusCode);
    }

    [Fact]
    public async Task Delete_ThenTheUserIsGone_AndJsonModePrintsNothing()
    {
        var cli = await AdminCliAsync();
        var (_, id) = await cli.NewUserAsync();

        var deleted = await cli.RunAsync("users", "delete", id, "--json");
        var again = await cli.RunAsync("users", "delete", id);

        Assert.Equal(new CliRun(0, "", ""), deleted);
        CliAssert.Refused(again, ExitCodes.Refused, "user_not_found", 404);
    }

    [Fact]
    public async Task List_ByUsername_PrintsThatUsersRow_AndNoMorePagesNote()
    {
        var cli = await AdminCliAsync();
        var (name, id) = await cli.NewUserAsync("ops");

        var run = await cli.RunAsync("users", "list", "--username", name.ToUpperInvariant());

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches("^NUMBER +ID +USERNAME +EMAIL +ROLES +DISABLED$", lines[0]);
        Assert.Matches($"^[0-9]+ +{id} +{name} +ops +false$", lines[1]);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task NonAdminToken_Exits3WithForbidden()
    {
        var (name, _) = await Client.NewUserAsync();
        var member = (await Client.LoginOkAsync(name)).Str("access_token");

        var run = await new CliRunner(Client, member).RunAsync("users", "show", "0123456789abcdef0123456789abcdef");

        CliAssert.Refused(run, ExitCodes.Refused, "forbidden", 403);
    }
}
