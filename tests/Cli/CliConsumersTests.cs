using SessionService.Cli;
using SessionService.Tests.Support;

namespace SessionService.Tests.Cli;

[Collection(ApiCollection.Name)]
public sealed class CliConsumersTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    private async Task<CliRunner> AdminCliAsync() => new(Client, await Client.AdminTokenAsync());

    private static string NewName() => "app-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task CreateShowListDelete_RoundTrip()
    {
        var cli = await AdminCliAsync();
        var name = NewName();

        var created = await cli.RunAsync("consumers", "create", "--username", name, "--custom-id", name + "-id", "--json");
        var id = created.Json().Str("id");
        var shown = await cli.RunAsync("consumers", "show", name);
        var listed = await cli.RunAsync("consumers", "list", "--size", "1000", "--json");
        var table = await cli.RunAsync("consumers", "list", "--size", "1000");
        var deleted = await cli.RunAsync("consumers", "delete", id);
        var gone = await cli.RunAsync("consumers", "show", name);

        Assert.Equal(name + "-id", created.Json().Str("custom_id"));
        Assert.Matches($"(?m)^id +{id}$", shown.Out);
        Assert.Matches(@"(?m)^created_at +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", shown.Out);
        Assert.Contains(name, listed.Json().GetProperty("data").EnumerateArray().Select(c => c.Str("username")));
        Assert.Matches($@"(?m)^{id} +{name} +{name}-id +\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", table.Out);
        Assert.Equal($"deleted consumer {id}\n", deleted.Out);
        CliAssert.Refused(gone, ExitCodes.Refused, "consumer_not_found", 404);
    }

    [Fact]
    public async Task List_PointsToTheNextPage_OnStderr()
    {
        var cli = await AdminCliAsync();
        await cli.RunAsync("consumers", "create", "--username", NewName());
        await cli.RunAsync("consumers", "create", "--username", NewName());

        var run = await cli.RunAsync("consumers", "list", "--size", "1");

        Assert.Equal(2, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Matches("^More: sessionctl consumers list --offset [0-9]+\n$", run.Error);
    }

    [Fact]
    public async Task Create_TakenUsername_Exits3WithConsumerExists()
    {
        var cli = await AdminCliAsync();
        var name = NewName();
        await cli.RunAsync("consumers", "create", "--username", name);

        CliAssert.Refused(await cli.RunAsync("consumers", "create", "--username", name), ExitCodes.Refused, "consumer_exists", 409);
    }

    [Fact]
    public async Task Create_WithoutAnyName_Exits3WithInvalidRequest()
    {
        CliAssert.Refused(await (await AdminCliAsync()).RunAsync("consumers", "create"), ExitCodes.Refused, "invalid_request", 400);
    }

    [Fact]
    public async Task JwtAdd_HidesTheMadeSecret_UnlessShowSecret()
    {
        var cli = await AdminCliAsync();
        var name = NewName();
        await cli.RunAsync("consumers", "create", "--username", name);

        var hidden = await cli.RunAsync("consumers", "jwt", "add", name, "--json");
        var humanHidden = await cli.RunAsync("consumers", "jwt", "add", name);
        var shown = await cli.RunAsync("consumers", "jwt", "add", name, "--show-secret", "--json");

        Assert.False(hidden.Json().TryGetProperty("secret", out _));
        Assert.Equal("HS256", hidden.Json().Str("algorithm"));
        Assert.Contains("--show-secret", hidden.Error);
        Assert.DoesNotMatch("(?m)^secret", humanHidden.Out);
        Assert.Matches("(?m)^key +[A-Za-z0-9]{32}$", humanHidden.Out);
        Assert.True(shown.Json().Str("secret").Length >= 32, shown.ToString());
        Assert.Equal("", shown.Error);
    }

    [Fact]
    public async Task JwtAdd_SecretFromStdin_IsTheCredentialsSecret()
    {
        var cli = await AdminCliAsync();
        var name = NewName();
        await cli.RunAsync("consumers", "create", "--username", name);
        var secret = new string('s', 32);

        var run = await cli.RunWithInputAsync(secret + "\n", "consumers", "jwt", "add", name, "--key", name + "-key", "--secret-stdin", "--show-secret", "--json");
        var weak = await cli.RunWithInputAsync("short\n", "consumers", "jwt", "add", name, "--secret-stdin");

        Assert.Equal(secret, run.Json().Str("secret"));
        Assert.Equal(name + "-key", run.Json().Str("key"));
        CliAssert.Refused(weak, ExitCodes.Refused, "weak_secret", 400);
    }

    [Fact]
    public async Task JwtListThenDelete_ByKey()
    {
        var cli = await AdminCliAsync();
        var name = NewName();
        await cli.RunAsync("consumers", "create", "--username", name);
        await cli.RunAsync("consumers", "jwt", "add", name, "--key", name + "-k1", "--algorithm", "HS512");

        var listed = await cli.RunAsync("consumers", "jwt", "list", name);
        var deleted = await cli.RunAsync("consumers", "jwt", "delete", name, name + "-k1");
        var after = await cli.RunAsync("consumers", "jwt", "list", name, "--json");
        var again = await cli.RunAsync("consumers", "jwt", "delete", name, name + "-k1");

        Assert.StartsWith("ID", listed.Out);
        Assert.Matches($"(?m)^[0-9a-f-]+ +{name}-k1 +HS512 +", listed.Out);
        Assert.Equal($"deleted credential {name}-k1\n", deleted.Out);
        Assert.Equal(0, after.Json().GetProperty("data").GetArrayLength());
        CliAssert.Refused(again, ExitCodes.Refused, "credential_not_found", 404);
    }

    [Fact]
    public async Task JwtList_UnknownConsumer_Exits3WithConsumerNotFound()
    {
        CliAssert.Refused(await (await AdminCliAsync()).RunAsync("consumers", "jwt", "list", NewName()), ExitCodes.Refused, "consumer_not_found", 404);
    }
}
