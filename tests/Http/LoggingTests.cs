using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

public sealed class LoggingTests : IDisposable
{
    private readonly TempDirectory _storage = new();

    public void Dispose() => _storage.Dispose();

    [Theory]
    [InlineData("Information")]
    [InlineData("Debug")]
    public async Task Logs_NeverContainPasswordsOrTokens(string level)
    {
        await using var factory = new ApiFactory(_storage.Path, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = level });
        var client = factory.CreateClient();
        var (name, _) = await client.NewUserAsync();
        await client.LoginAsync(name, "a-wrong-password-xyz");
        var login = await client.LoginOkAsync(name);
        var rotated = await (await client.RefreshAsync(login.Str("refresh_token"))).JsonAsync();
        factory.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RefreshAsync(login.Str("refresh_token"))).StatusCode);
        await client.PostAsync("/auth/logout", bearer: rotated.Str("access_token"));

        var secrets = new[]
        {
            ApiCalls.Password, "a-wrong-password-xyz", ApiFactory.AdminPassword,
            login.Str("refresh_token"), login.Str("access_token"), rotated.Str("refresh_token"), rotated.Str("access_token"),
            login.Str("refresh_token").Split('.')[3], rotated.Str("access_token").Split('.')[2],
        };
        Assert.NotEmpty(factory.Logs.Lines);
        foreach (var line in factory.Logs.Lines)
        {
            Assert.DoesNotContain(secrets, line.Contains);
        }
    }
}
