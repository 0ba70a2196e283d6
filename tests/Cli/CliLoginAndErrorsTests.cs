using System.Net;
using System.Text;
using SessionService.Cli;
using SessionService.Tests.Support;

namespace SessionService.Tests.Cli;

[Collection(ApiCollection.Name)]
public sealed class CliLoginAndErrorsTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Login_FromEnvironment_PrintsAnExportLineWhoseTokenIsAdmin()
    {
        var cli = new CliRunner(Client);
        cli.Variables["SESSIONCTL_USERNAME"] = ApiFactory.AdminUser;
        cli.Variables["SESSIONCTL_PASSWORD"] = ApiFactory.AdminPassword;

        var run = await cli.RunAsync("login");
        var token = run.Out.TrimEnd('\n')["export SESSIONCTL_TOKEN=".Length..];
        var used = await new CliRunner(Client, token).RunAsync("tokens", "issue");

        Assert.Matches("^export SESSIONCTL_TOKEN=[A-Za-z0-9_.-]+\n$", run.Out);
        Assert.DoesNotContain(ApiFactory.AdminPassword, run.Out + run.Error);
        Assert.True(used.ExitCode == 0, used.ToString());
    }

    [Fact]
    public async Task Login_PasswordFromStdin_AsDeviceSessionctl_PrintsNoRefreshToken()
    {
        var (name, id) = await Client.NewUserAsync(["admin"]);

        var run = await new CliRunner(Client).RunWithInputAsync(ApiCalls.Password + "\n", "login", "--username", name, "--json");
        var sessions = await (await Client.GetAsync($"/users/{id}/sessions", await Client.AdminTokenAsync())).JsonAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(run.Json().TryGetProperty("refresh_token", out _));
        Assert.Equal(name, run.Json().GetProperty("user").Str("username"));
        Assert.Equal("sessionctl", sessions[0].Str("device"));
    }

    [Fact]
    public async Task Login_WrongPassword_Exits3WithInvalidCredentials()
    {
        var run = await new CliRunner(Client).RunWithInputAsync("not-the-password\n", "login", "--username", ApiFactory.AdminUser);

        CliAssert.Refused(run, ExitCodes.Refused, "invalid_credentials", 401);
    }

    [Fact]
    public async Task Login_NonAdmin_WarnsThatAdminCommandsWillBeForbidden()
    {
        var (name, _) = await Client.NewUserAsync();

        var run = await new CliRunner(Client).RunWithInputAsync(ApiCalls.Password + "\n", "login", "--username", name);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("has no admin role", run.Error);
    }

    [Fact]
    public async Task Login_WithoutUsername_Exits2()
    {
        CliAssert.Refused(await new CliRunner(Client).RunAsync("login"), ExitCodes.Usage, "missing_username");
    }

    [Fact]
    public async Task MissingToken_Exits2_AndSendsNoRequest()
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));

        var run = await new CliRunner(new HttpClient(stub), token: null).RunAsync("users", "show", "abc");

        CliAssert.Refused(run, ExitCodes.Usage, "missing_token");
        Assert.Contains("sessionctl login", run.Error);
        Assert.Equal(0, stub.Requests);
    }

    [Fact]
    public async Task ServiceUnavailable_Exits4_WithCodeAndRetryAfter()
    {
        var stub = new StubHandler(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            {
                Content = new StringContent("""{"status":503,"code":"service_unavailable","detail":"Storage is not answering."}""", Encoding.UTF8, "application/problem+json"),
            };
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
            return response;
        });

        var run = await new CliRunner(new HttpClient(stub), "token").RunAsync("users", "show", "abc");

        CliAssert.Refused(run, ExitCodes.Unavailable, "service_unavailable", 503);
        Assert.Contains("Storage is not answering. (retry after 5 s)", run.Error);
    }

    [Fact]
    public async Task ServerErrorWithoutProblemBody_Exits4()
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") });

        CliAssert.Refused(await new CliRunner(new HttpClient(stub), "token").RunAsync("users", "show", "abc"), ExitCodes.Unavailable, "http_502", 502);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"data":"not a list"}""")]
    public async Task AnswerOfAnotherShape_Exits4WithUnexpectedAnswer(string body)
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

        CliAssert.Refused(await new CliRunner(new HttpClient(stub), "token").RunAsync("consumers", "list"), ExitCodes.Unavailable, "unexpected_answer");
    }

    [Fact]
    public async Task AnswerThatIsNotJson_Exits4WithUnexpectedAnswer()
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>a login page</html>") });

        CliAssert.Refused(await new CliRunner(new HttpClient(stub), "token").RunAsync("users", "show", "abc"), ExitCodes.Unavailable, "unexpected_answer");
    }

    [Fact]
    public async Task Unreachable_Exits4()
    {
        using var http = new HttpClient();

        var run = await new CliRunner(http, "token").RunAsync("users", "show", "abc", "--url", $"http://127.0.0.1:{FreePort.Next()}");

        CliAssert.Refused(run, ExitCodes.Unavailable, "unreachable");
    }

    [Fact]
    public async Task Url_FromOptionThenEnvironment_KeepsItsPathPrefix()
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var cli = new CliRunner(new HttpClient(stub), "token");
        cli.Variables["SESSIONCTL_URL"] = "http://from-env:7000/prefix";

        await cli.RunAsync("users", "disable", "abc");
        await cli.RunAsync("users", "disable", "a/b", "--url", "https://from-option/base/");

        Assert.Equal(["http://from-env:7000/prefix/users/abc/disable", "https://from-option/base/users/a%2Fb/disable"], stub.Uris.Select(u => u.AbsoluteUri));
    }

    [Theory]
    [InlineData("ftp://host")]
    [InlineData("not a url")]
    [InlineData("http://host/?q=1")]
    public async Task BadUrl_Exits2(string url)
    {
        CliAssert.Refused(await new CliRunner(Client, "token").RunAsync("users", "show", "abc", "--url", url), ExitCodes.Usage, "invalid_url");
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("users")]
    [InlineData("users", "show")]
    [InlineData("tokens", "issue", "--expires-in", "soon")]
    public async Task BadCommandLine_Exits2WithUsage(params string[] args)
    {
        var run = await new CliRunner(Client, "token").RunAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: usage: ", run.Error);
    }

    [Fact]
    public void ExitCodes_AreTheNumbersTheReadmeDocuments()
    {
        Assert.Equal((0, 2, 3, 4), (ExitCodes.Ok, ExitCodes.Usage, ExitCodes.Refused, ExitCodes.Unavailable));
    }

    [Fact]
    public async Task Help_Exits0_AndListsEveryCommandGroup()
    {
        var run = await new CliRunner(Client).RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var group in new[] { "login", "users", "sessions", "keys", "consumers", "tokens" })
        {
            Assert.Matches($"(?m)^  {group} ", run.Out);
        }
    }
}
