using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class SessionsTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Sessions_ListsDevicesWithCurrentFlag()
    {
        var (name, _) = await Client.NewUserAsync();
        var phone = await Client.LoginOkAsync(name, device: "phone");
        await Client.LoginOkAsync(name, device: "laptop");

        var response = await Client.GetAsync("/auth/sessions", phone.Str("access_token"));
        var sessions = (await response.JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["laptop", "phone"], sessions.Select(s => s.Str("device")).Order());
        var current = Assert.Single(sessions, s => s.GetProperty("current").GetBoolean());
        Assert.Equal("phone", current.Str("device"));
        foreach (var field in new[] { "device_name", "created_at", "last_used_at", "expires_at", "ip", "user_agent" })
        {
            Assert.True(current.TryGetProperty(field, out _), field);
        }

        Assert.True(DateTimeOffset.TryParse(current.Str("expires_at"), out _));
    }

    [Fact]
    public async Task DeleteSession_RevokesThatDeviceOnly_And404ForUnknown()
    {
        var (name, _) = await Client.NewUserAsync();
        var phone = await Client.LoginOkAsync(name, device: "phone");
        var laptop = await Client.LoginOkAsync(name, device: "laptop");

        var deleted = await Client.DeleteAsync("/auth/sessions/laptop", phone.Str("access_token"));
        var unknown = await Client.DeleteAsync("/auth/sessions/fridge", phone.Str("access_token"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "session_not_found");
        await (await Client.RefreshAsync(laptop.Str("refresh_token"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        await Eventually.ProblemAsync(() => Client.ValidateAsync(laptop.Str("access_token")), "obsolete_token");
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(phone.Str("access_token"))).StatusCode);
    }

    [Fact]
    public async Task DeleteAllSessions_KeepsCurrent_WhenAsked()
    {
        var (name, _) = await Client.NewUserAsync();
        var a = await Client.LoginOkAsync(name, device: "a");
        var b = await Client.LoginOkAsync(name, device: "b");
        var c = await Client.LoginOkAsync(name, device: "c");

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/auth/sessions?keep_current=true", a.Str("access_token"))).StatusCode);
        await Eventually.ProblemAsync(() => Client.ValidateAsync(b.Str("access_token")), "obsolete_token");
        await Eventually.ProblemAsync(() => Client.ValidateAsync(c.Str("access_token")), "obsolete_token");
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(a.Str("access_token"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/auth/sessions", a.Str("access_token"))).StatusCode);
        await Eventually.ProblemAsync(() => Client.ValidateAsync(a.Str("access_token")), "obsolete_token");
    }

    [Fact]
    public async Task Sessions_Needs_Bearer()
    {
        await (await Client.SendAsync(HttpMethod.Get, "/auth/sessions")).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
    }

    [Fact]
    public async Task Logout_IsIdempotent_AndKillsRefreshTokenAndCookie()
    {
        var (name, _) = await Client.NewUserAsync();
        var login = await Client.LoginOkAsync(name);

        var first = await Client.PostAsync("/auth/logout", bearer: login.Str("access_token"));
        var second = await Client.PostAsync("/auth/logout", bearer: login.Str("access_token"));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("refresh_token=;", StringComparison.Ordinal));
        await (await Client.RefreshAsync(login.Str("refresh_token"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Fact]
    public async Task Logout_WithRefreshTokenInBody_RevokesItsSession()
    {
        var (name, _) = await Client.NewUserAsync();
        var login = await Client.LoginOkAsync(name);

        var response = await Client.PostAsync("/auth/logout", new { refresh_token = login.Str("refresh_token") });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await Client.RefreshAsync(login.Str("refresh_token"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        await Eventually.ProblemAsync(() => Client.ValidateAsync(login.Str("access_token")), "obsolete_token");
    }

    [Fact]
    public async Task ChangePassword_RevokesOtherSessions_AndNewPasswordWorks()
    {
        var (name, _) = await Client.NewUserAsync();
        var current = await Client.LoginOkAsync(name, device: "current");
        var other = await Client.LoginOkAsync(name, device: "other");
        const string newPassword = "a-much-better-passphrase-2";

        var response = await Client.PostAsync("/auth/password",
            new { current_password = ApiCalls.Password, new_password = newPassword }, current.Str("access_token"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Eventually.ProblemAsync(() => Client.ValidateAsync(other.Str("access_token")), "obsolete_token");
        await (await Client.RefreshAsync(other.Str("refresh_token"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(current.Str("access_token"))).StatusCode);
        await (await Client.LoginAsync(name)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(HttpStatusCode.OK, (await Client.LoginAsync(name, newPassword)).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPasswordsLockThatSessionsPasswordChanges_NotTheAccount()
    {
        var (name, _) = await Client.NewUserAsync();
        var token = (await Client.LoginOkAsync(name)).Str("access_token");
        for (var i = 0; i < 5; i++)
        {
            await (await Client.PostAsync("/auth/password", new { current_password = $"guess-number-{i}", new_password = "fine-new-password-7" }, token))
                .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        await (await Client.PostAsync("/auth/password", new { current_password = ApiCalls.Password, new_password = "fine-new-password-7" }, token))
            .AssertProblemAsync(HttpStatusCode.Locked, "account_locked");
        Assert.Equal(HttpStatusCode.OK, (await Client.LoginAsync(name)).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_RefusesWrongCurrentAndWeakNew()
    {
        var (name, _) = await Client.NewUserAsync();
        var token = (await Client.LoginOkAsync(name)).Str("access_token");

        var wrong = await Client.PostAsync("/auth/password", new { current_password = "not-my-password", new_password = "fine-new-password-7" }, token);
        var weak = await Client.PostAsync("/auth/password", new { current_password = ApiCalls.Password, new_password = "short" }, token);
        var missing = await Client.PostAsync("/auth/password", new { current_password = ApiCalls.Password }, token);

        await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await weak.AssertProblemAsync(HttpStatusCode.BadRequest, "weak_password");
        await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(HttpStatusCode.OK, (await Client.LoginAsync(name)).StatusCode);
    }
}
