using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Cluster;

/// <summary>
/// `recover` run against a stopped embedded node's store: unlock a user, set a password, create an admin.
/// What an operator does when no administrator can log in.
/// </summary>
public sealed class RecoveryCommandTests : IDisposable
{
    private readonly TempDirectory _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task Recover_UnlocksALockedAdmin_SetsItsPassword_AndCreatesAnotherAdmin()
    {
        using (var node = await NodeProcess.StartAsync(_storage.Path))
        {
            using var client = new HttpClient { BaseAddress = node.Address };
            for (var i = 0; i < 5; i++)
            {
                await client.LoginAsync(ApiFactory.AdminUser, "wrong-password-123");
            }

            await (await client.LoginAsync(ApiFactory.AdminUser, ApiFactory.AdminPassword)).AssertProblemAsync(HttpStatusCode.Locked, "account_locked");
            node.Terminate();
            Assert.Equal(0, await node.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        var unlocked = await RecoverAsync(["unlock", ApiFactory.AdminUser]);
        Assert.Equal(0, unlocked.ExitCode);
        var weak = await RecoverAsync(["set-password", ApiFactory.AdminUser], "short");
        Assert.Equal(2, weak.ExitCode);
        Assert.Contains("at least", weak.StandardError);
        Assert.Equal(0, (await RecoverAsync(["set-password", ApiFactory.AdminUser], "Recovered-Adm1n-Secret")).ExitCode);
        Assert.Equal(0, (await RecoverAsync(["create-admin", "second-admin"], "Second-Adm1n-Secret")).ExitCode);
        Assert.Equal(2, (await RecoverAsync(["unlock", "nobody-at-all"])).ExitCode);

        using var restarted = await NodeProcess.StartAsync(_storage.Path);
        using var after = new HttpClient { BaseAddress = restarted.Address };
        await (await after.LoginAsync(ApiFactory.AdminUser, ApiFactory.AdminPassword)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(HttpStatusCode.OK, (await after.LoginAsync(ApiFactory.AdminUser, "Recovered-Adm1n-Secret")).StatusCode);
        var second = (await after.LoginOkAsync("second-admin", "Second-Adm1n-Secret")).Str("access_token");
        Assert.Equal(HttpStatusCode.NotFound, (await after.GetAsync("/users/" + Guid.NewGuid().ToString("N"), second)).StatusCode);
    }

    private Task<ExitedProcess> RecoverAsync(string[] command, string? input = null) =>
        ExitedProcess.RunAsync("api", "SessionService.Api", new Dictionary<string, string>
        {
            ["Storage__Path"] = _storage.Path,
            ["Logging__LogLevel__Default"] = "Warning",
        }, ["recover", .. command], input);
}
