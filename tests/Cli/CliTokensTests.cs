using Microsoft.IdentityModel.JsonWebTokens;
using SessionService.Cli;
using SessionService.Cli.Commands;
using SessionService.Tests.Support;

namespace SessionService.Tests.Cli;

[Collection(ApiCollection.Name)]
public sealed class CliTokensTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    private async Task<CliRunner> AdminCliAsync() => new(Client, await Client.AdminTokenAsync());

    [Fact]
    public async Task Issue_SignsTheGivenSubjectLifetimeAndClaims()
    {
        var run = await (await AdminCliAsync()).RunAsync(
            "tokens", "issue", "--sub", "billing", "--expires-in", "120", "--claim", "tier=gold", "--claim", "level=5", "--claim", "tags=[\"a\",\"b\"]", "--json");

        var answer = run.Json();
        var token = new JsonWebToken(answer.Str("token"));
        Assert.Equal(120, answer.GetProperty("expires_in").GetInt64());
        Assert.Equal("billing", token.Subject);
        Assert.Equal("gold", token.GetPayloadValue<string>("tier"));
        Assert.Equal(5, token.GetPayloadValue<int>("level"));
        Assert.Equal(120, (token.ValidTo - token.IssuedAt).TotalSeconds);
        Assert.Equal(answer.Str("kid"), token.Kid);
    }

    [Fact]
    public async Task Issue_Human_PrintsTheTokenOnItsOwnLine()
    {
        var run = await (await AdminCliAsync()).RunAsync("tokens", "issue", "--sub", "billing");

        Assert.Matches(@"(?m)^token +[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$", run.Out);
        Assert.Matches("(?m)^expires_in +300$", run.Out);
    }

    [Theory]
    [InlineData("86400", 0)]
    [InlineData("86401", ExitCodes.Refused)]
    [InlineData("0", ExitCodes.Refused)]
    public async Task Issue_LifetimeBoundsAreTheServices(string seconds, int exitCode)
    {
        var run = await (await AdminCliAsync()).RunAsync("tokens", "issue", "--expires-in", seconds);

        if (exitCode == 0)
        {
            Assert.True(run.ExitCode == 0, run.ToString());
        }
        else
        {
            CliAssert.Refused(run, exitCode, "invalid_request", 400);
        }
    }

    [Fact]
    public async Task Issue_ReservedClaim_Exits3WithInvalidRequest()
    {
        CliAssert.Refused(await (await AdminCliAsync()).RunAsync("tokens", "issue", "--claim", "iss=me"), ExitCodes.Refused, "invalid_request", 400);
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("=value")]
    public async Task Issue_ClaimWithoutName_Exits2(string claim)
    {
        CliAssert.Refused(await (await AdminCliAsync()).RunAsync("tokens", "issue", "--claim", claim), ExitCodes.Usage, "invalid_claim");
    }

    [Fact]
    public void RequestBody_JoinsScopesSpaceSeparated_AndTypesClaimValues()
    {
        var body = TokensCommands.RequestBody("svc", null, 60, ["introspect", "revocations:read custom"], ["n=5", "s=blue", "q=\"5\"", "e="]);

        Assert.Equal(
            """{"sub":"svc","expires_in":60,"scope":"introspect revocations:read custom","claims":{"n":5,"s":"blue","q":"5","e":""}}""",
            body.ToJsonString());
    }

    [Fact]
    public void RequestBody_SendsNoScope_WhenNoneGiven()
    {
        Assert.Equal("{}", TokensCommands.RequestBody(null, null, null, null, null).ToJsonString());
    }
}
