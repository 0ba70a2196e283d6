using SessionService.Tests.Support;

namespace SessionService.Tests.Cli;

[Collection(ApiCollection.Name)]
public sealed class CliKeysTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Rotate_PrintsTheNewKid_WhichKeysListThenShows()
    {
        var cli = new CliRunner(Client, await Client.AdminTokenAsync());

        var rotated = await cli.RunAsync("keys", "rotate", "--json");
        var kid = rotated.Json().Str("kid");
        var table = await cli.RunAsync("keys", "list");
        var json = await cli.RunAsync("keys", "list", "--json");

        Assert.StartsWith("KID", table.Out);
        Assert.Matches($"(?m)^{kid} +EC +ES256 +sig +P-256$", table.Out);
        Assert.Contains(kid, json.Json().GetProperty("keys").EnumerateArray().Select(k => k.Str("kid")));
    }

    [Fact]
    public async Task Rotate_Human_PrintsKid()
    {
        var run = await new CliRunner(Client, await Client.AdminTokenAsync()).RunAsync("keys", "rotate");

        Assert.Matches("^kid  [A-Za-z0-9_-]+\n$", run.Out);
    }

    [Fact]
    public async Task List_NeedsNoToken_BecauseJwksIsPublic()
    {
        var run = await new CliRunner(Client, token: null).RunAsync("keys", "list", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Json().GetProperty("keys").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Rotate_WithoutToken_Exits2WithMissingToken()
    {
        var run = await new CliRunner(Client, token: null).RunAsync("keys", "rotate");

        CliAssert.Refused(run, SessionService.Cli.ExitCodes.Usage, "missing_token");
    }
}
