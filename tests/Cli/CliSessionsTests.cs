using System.Net;
using SessionService.Cli;
using SessionService.Tests.Support;

namespace SessionService.Tests.Cli;

[Collection(ApiCollection.Name)]
public sealed class CliSessionsTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task List_ShowsEveryDeviceOfTheUser()
    {
        var cli = new CliRunner(Client, await Client.AdminTokenAsync());
        var (name, id) = await Client.NewUserAsync();
        await Client.LoginOkAsync(name, device: "phone");
        await Client.LoginOkAsync(name, device: "laptop");

        var table = await cli.RunAsync("sessions", "list", id);
        var json = await cli.RunAsync("sessions", "list", id, "--json");

        var lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("DEVICE  NAME  CREATED", lines[0]);
        Assert.Equal(["laptop", "phone"], lines[1..].Select(l => l.Split(' ')[0]).Order());
        Assert.Equal(["laptop", "phone"], json.Json().EnumerateArray().Select(s => s.Str("device")).Order());
    }

    [Fact]
    public async Task Revoke_EndsTheUsersAccessTokens()
    {
        var cli = new CliRunner(Client, await Client.AdminTokenAsync());
        var (name, id) = await Client.NewUserAsync();
        var access = (await Client.LoginOkAsync(name, device: "phone")).Str("access_token");

        var revoked = await cli.RunAsync("sessions", "revoke", id);
        var after = await cli.RunAsync("sessions", "list", id, "--json");

        Assert.Equal($"revoked every session of user {id}\n", revoked.Out);
        await (await Client.ValidateAsync(access)).AssertProblemAsync(HttpStatusCode.Unauthorized, "obsolete_token");
        Assert.Equal(0, after.Json().GetArrayLength());
    }

    [Fact]
    public async Task List_UnknownUser_Exits3WithUserNotFound()
    {
        var run = await new CliRunner(Client, await Client.AdminTokenAsync()).RunAsync("sessions", "list", "0123456789abcdef0123456789abcdef");

        CliAssert.Refused(run, ExitCodes.Refused, "user_not_found", 404);
    }
}
