using System.Net;
using SessionService.Tests.Support;
using static SessionService.Tests.Support.WordPressCalls;

namespace SessionService.Tests.Http.Compat.WordPress;

/// <summary>
/// <c>POST /token/refresh</c> and the refresh-token rules of <c>compat/wordpress-jwt-auth.md</c> §4–§5 on our
/// device sessions: rotation per slot, obsolete vs invalid, reuse, and the cross-surface cases.
/// </summary>
[Collection(WordPressNode.Collection)]
public sealed class WordPressRefreshTests(WordPressNode node)
{
    private HttpClient Client => node.Client;

    [Fact]
    public async Task NoCookie_IsNoAuthCookie_WithoutData_WhateverTheHeaders()
    {
        var (name, _) = await Client.NewUserAsync();
        var (token, _) = await Client.WordPressLoginAsync(name);

        var response = await Client.WordPressAsync("/token/refresh", Form(("device", "")), authorization: "Bearer " + token);
        var envelope = await response.EnvelopeAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(("jwt_auth_no_auth_cookie", "Refresh token cookie not found."), (envelope.Code, envelope.Message));
        Assert.Equal(["success", "statusCode", "code", "message"], envelope.Keys);
    }

    [Fact]
    public async Task Refresh_RotatesTheSlot_AnswersWithoutData_AndTheOldTokenIsObsolete()
    {
        var (name, _) = await Client.NewUserAsync();
        var (_, cookie) = await Client.WordPressLoginAsync(name, "Phone");

        var response = await Client.WordPressAsync("/token/refresh", Form(("device", "Phone")), cookie);
        var json = await response.JsonAsync();
        var next = RefreshCookie(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"success":true,"statusCode":200,"code":"jwt_auth_valid_token","message":"Token is valid"}""", json.GetRawText());
        Assert.NotNull(next);
        Assert.NotEqual(cookie, next);
        Assert.Equal(cookie.Split('.')[0], next!.Split('.')[0]);
        await AssertSlotRefusedAsync(cookie, "Phone", "jwt_auth_obsolete_refresh_token", "Refresh token is obsolete");
        Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token", Form(("device", "Phone")), next)).StatusCode);
    }

    [Fact]
    public async Task CookieLogin_DoesNotRotate_OnlyRefreshDoes()
    {
        var (name, _) = await Client.NewUserAsync();
        var (_, cookie) = await Client.WordPressLoginAsync(name, "Phone");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token", Form(("device", "Phone")), cookie)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token/refresh", Form(("device", "Phone")), cookie)).StatusCode);
    }

    [Fact]
    public async Task Slots_RotateIndependently_AndAWrongSlotIsInvalidOrObsolete()
    {
        var (name, _) = await Client.NewUserAsync();
        var (_, phone) = await Client.WordPressLoginAsync(name, "Phone");
        var (_, laptop) = await Client.WordPressLoginAsync(name, "Laptop");

        var rotated = await Client.WordPressAsync("/token/refresh", Form(("device", "Phone")), phone);

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token", Form(("device", "Laptop")), laptop)).StatusCode);
        await AssertSlotRefusedAsync(laptop, "Phone", "jwt_auth_obsolete_refresh_token", "Refresh token is obsolete");
        await AssertSlotRefusedAsync(laptop, "Tablet", "jwt_auth_invalid_refresh_token", "Invalid refresh token");
        await AssertSlotRefusedAsync(laptop, null, "jwt_auth_invalid_refresh_token", "Invalid refresh token");
    }

    [Fact]
    public async Task NoDevice_EmptyDevice_AndZero_AreTheSameSlot()
    {
        var (name, _) = await Client.NewUserAsync();
        var (_, cookie) = await Client.WordPressLoginAsync(name);

        Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token", Form(("device", "")), cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token", Form(("device", "0")), cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token", null, cookie)).StatusCode);
    }

    [Fact]
    public async Task NewPasswordLogin_OnASlot_MakesItsOldTokenObsolete_OtherSlotsUntouched()
    {
        var (name, _) = await Client.NewUserAsync();
        var (_, first) = await Client.WordPressLoginAsync(name, "Phone");
        var (_, other) = await Client.WordPressLoginAsync(name, "Laptop");
        var (_, second) = await Client.WordPressLoginAsync(name, "Phone");

        await AssertSlotRefusedAsync(first, "Phone", "jwt_auth_obsolete_refresh_token", "Refresh token is obsolete");
        Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token", Form(("device", "Phone")), second)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token", Form(("device", "Laptop")), other)).StatusCode);
    }

    [Fact]
    public async Task TamperedSecret_IsObsolete_AndRevokesNothing()
    {
        var (name, _) = await Client.NewUserAsync();
        var (token, cookie) = await Client.WordPressLoginAsync(name, "Phone");
        var number = cookie.Split('.')[0];

        await AssertSlotRefusedAsync($"{number}.{new string('a', 64)}", "Phone", "jwt_auth_obsolete_refresh_token", "Refresh token is obsolete");
        await AssertSlotRefusedAsync($"{number}.short", "Phone", "jwt_auth_obsolete_refresh_token", "Refresh token is obsolete");

        Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token/validate", authorization: "Bearer " + token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token/refresh", Form(("device", "Phone")), cookie)).StatusCode);
    }

    [Fact]
    public async Task OldToken_FromTheSameClient_InsideTheGraceWindow_IsObsolete_AndTheSessionLives()
    {
        var (name, _) = await Client.NewUserAsync();
        var (token, cookie) = await Client.WordPressLoginAsync(name, "Phone");
        var next = RefreshCookie(await Client.WordPressAsync("/token/refresh", Form(("device", "Phone")), cookie))!;

        await AssertSlotRefusedAsync(cookie, "Phone", "jwt_auth_obsolete_refresh_token", "Refresh token is obsolete", rotate: true);

        Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token/validate", authorization: "Bearer " + token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token/refresh", Form(("device", "Phone")), next)).StatusCode);
    }

    [Fact]
    public async Task OldToken_FromAnotherClient_IsReuse_ObsoleteAndTheSessionIsRevoked()
    {
        var (name, _) = await Client.NewUserAsync();
        var (token, cookie) = await Client.WordPressLoginAsync(name, "Phone");
        var next = RefreshCookie(await Client.WordPressAsync("/token/refresh", Form(("device", "Phone")), cookie))!;

        var stolen = await Client.WordPressAsync("/token/refresh", Form(("device", "Phone")), cookie, userAgent: "thief/1.0");

        Assert.Equal("jwt_auth_obsolete_refresh_token", (await stolen.EnvelopeAsync()).Code);
        Assert.Equal("jwt_auth_obsolete_token", (await (await Client.WordPressAsync("/token/validate", authorization: "Bearer " + token)).EnvelopeAsync()).Code);
        await AssertSlotRefusedAsync(next, "Phone", "jwt_auth_invalid_refresh_token", "Invalid refresh token");
    }

    [Fact]
    public async Task OldToken_AfterTheGraceWindow_IsReuse_EvenFromTheSameClient()
    {
        var (name, _) = await Client.NewUserAsync();
        var (_, cookie) = await Client.WordPressLoginAsync(name, "Phone");
        var next = RefreshCookie(await Client.WordPressAsync("/token/refresh", Form(("device", "Phone")), cookie))!;
        node.Factory.Clock.Advance(TimeSpan.FromSeconds(30));

        await AssertSlotRefusedAsync(cookie, "Phone", "jwt_auth_obsolete_refresh_token", "Refresh token is obsolete", rotate: true);

        await AssertSlotRefusedAsync(next, "Phone", "jwt_auth_invalid_refresh_token", "Invalid refresh token");
    }

    [Fact]
    public async Task ConcurrentRefreshes_OfOneToken_RotateOnce_TheRestAreObsolete_AndTheWinnerLives()
    {
        var (name, _) = await Client.NewUserAsync();
        var (_, cookie) = await Client.WordPressLoginAsync(name, "Phone");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Client.WordPressAsync("/token/refresh", Form(("device", "Phone")), cookie)));

        var winners = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        var winner = Assert.Single(winners);
        foreach (var loser in responses.Where(r => r != winner))
        {
            Assert.Equal("jwt_auth_obsolete_refresh_token", (await loser.EnvelopeAsync()).Code);
        }

        Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token/refresh", Form(("device", "Phone")), RefreshCookie(winner))).StatusCode);
    }

    [Fact]
    public async Task WordPressLogin_ShowsInOurSessionsList_AndRevokingItThereKillsItsCookie()
    {
        var (name, _) = await Client.NewUserAsync();
        var (_, cookie) = await Client.WordPressLoginAsync(name, "Pixel 8");
        var ours = (await Client.LoginOkAsync(name, device: "laptop")).Str("access_token");

        var sessions = (await (await Client.GetAsync("/auth/sessions", ours)).JsonAsync()).EnumerateArray().ToList();
        var wordpress = Assert.Single(sessions, s => s.Str("device") != "laptop");
        var device = wordpress.Str("device");
        var revoked = await Client.DeleteAsync($"/auth/sessions/{Uri.EscapeDataString(device)}", ours);

        Assert.StartsWith("wp_", device);
        Assert.Equal("Pixel 8", wordpress.Str("device_name"));
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await AssertSlotRefusedAsync(cookie, "Pixel 8", "jwt_auth_invalid_refresh_token", "Invalid refresh token", rotate: true);
    }

    [Fact]
    public async Task RefreshTokens_DoNotCrossSurfaces()
    {
        var (name, _) = await Client.NewUserAsync();
        var (_, cookie) = await Client.WordPressLoginAsync(name);
        var ours = (await Client.LoginOkAsync(name)).Str("refresh_token");

        await AssertSlotRefusedAsync(ours, null, "jwt_auth_invalid_refresh_token", "Invalid refresh token");
        await (await Client.RefreshAsync(cookie)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    private async Task AssertSlotRefusedAsync(string cookie, string? device, string code, string message, bool rotate = false)
    {
        var content = device is null ? null : Form(("device", device));
        var response = await Client.WordPressAsync(rotate ? "/token/refresh" : "/token", content, "refresh_token=" + cookie);
        var envelope = await response.EnvelopeAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal((401, code, message), (envelope.Status, envelope.Code, envelope.Message));
        Assert.Equal(["success", "statusCode", "code", "message"], envelope.Keys);
        Assert.Null(SetCookie(response));
    }
}
