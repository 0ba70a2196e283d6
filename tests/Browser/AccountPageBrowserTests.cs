using System.Net;
using Microsoft.Playwright;
using SessionService.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SessionService.Tests.Browser;

/// <summary>
/// The account page in a real browser (Debian's Chromium through Playwright) against a node on a real port:
/// sign in, the device list, revoking, changing the password, signing out, and what a foreign site cannot do.
/// </summary>
public sealed class AccountPageBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private HttpClient Api => fixture.Node.Client;

    [Fact]
    public async Task SignIn_ListsTheDevices_RevokesOneThenAllOthers_AndTheirAccessTokensFail()
    {
        var (name, _) = await Api.NewUserAsync();
        var phone = (await Api.LoginOkAsync(name, device: "phone")).Str("access_token");
        var tablet = (await Api.LoginOkAsync(name, device: "tablet")).Str("access_token");
        await using var context = await fixture.NewContextAsync();
        var page = await SignedInPageAsync(context, name);

        var rows = page.Locator("#devices tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        var thisDevice = rows.Filter(new() { HasText = "This device" });
        await Expect(thisDevice).ToContainTextAsync("Test browser");
        await Expect(thisDevice).ToContainTextAsync("Chrome");
        var phoneRow = page.Locator("#devices tbody tr[data-device='phone']");
        await Expect(phoneRow).ToContainTextAsync("127.0.0.1");
        await ScreenshotAsync(page, "devices");

        await phoneRow.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();

        await Expect(page.Locator("#status")).ToHaveTextAsync("Signed out phone.");
        await Expect(rows).ToHaveCountAsync(2);
        await Eventually.ProblemAsync(() => Api.GetAsync("/auth/validate", phone), "obsolete_token");
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/auth/validate", tablet)).StatusCode);

        await page.ClickAsync("#revoke-others");

        await Expect(page.Locator("#status")).ToHaveTextAsync("Signed out every other device.");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.Locator("#revoke-others")).ToBeDisabledAsync();
        await Eventually.ProblemAsync(() => Api.GetAsync("/auth/validate", tablet), "obsolete_token");
    }

    [Fact]
    public async Task ChangePassword_RefusesAWrongCurrentOne_ThenSignsOutTheOtherDevices_AndOnlyTheNewOneLogsIn()
    {
        const string newPassword = "another-horse-battery-77";
        var (name, _) = await Api.NewUserAsync();
        var phone = (await Api.LoginOkAsync(name, device: "phone")).Str("access_token");
        await using var context = await fixture.NewContextAsync();
        var page = await SignedInPageAsync(context, name);
        await Expect(page.Locator("#devices tbody tr")).ToHaveCountAsync(2);

        await ChangePasswordAsync(page, "not-the-password-1", newPassword);

        await Expect(page.Locator("#status")).ToHaveTextAsync("The user name or password is wrong.");
        await Expect(page.Locator("#status")).ToHaveClassAsync("error");
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/auth/validate", phone)).StatusCode);

        await ChangePasswordAsync(page, ApiCalls.Password, newPassword);

        await Expect(page.Locator("#status")).ToHaveTextAsync("Password changed. Every other device was signed out.");
        await Expect(page.Locator("#devices tbody tr")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "password-changed");
        await Eventually.ProblemAsync(() => Api.GetAsync("/auth/validate", phone), "obsolete_token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.LoginAsync(name)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync(name, newPassword)).StatusCode);
    }

    [Fact]
    public async Task TokensStayOutOfScriptReach_AReloadSignsBackIn_AndSignOutRemovesTheCookieAndRefusesItsToken()
    {
        var (name, _) = await Api.NewUserAsync();
        await using var context = await fixture.NewContextAsync();
        var page = await SignedInPageAsync(context, name);

        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "refresh_token");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/auth", cookie.Path);
        Assert.Equal("", await page.EvaluateAsync<string>("() => document.cookie"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));

        await page.ReloadAsync();

        await Expect(page.Locator("#who")).ToHaveTextAsync(name);
        var refreshToken = (await context.CookiesAsync()).Single(c => c.Name == "refresh_token").Value;

        await page.ClickAsync("#signout");

        await Expect(page.Locator("#signin")).ToBeVisibleAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Signed out.");
        await ScreenshotAsync(page, "signed-out");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "refresh_token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.RefreshAsync(refreshToken)).StatusCode);
        await page.ReloadAsync();
        await Expect(page.Locator("#signin")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ADeviceRevokedFromElsewhere_IsShownSignedOut_AtItsNextAction()
    {
        var (name, _) = await Api.NewUserAsync();
        var phone = (await Api.LoginOkAsync(name, device: "phone")).Str("access_token");
        await using var context = await fixture.NewContextAsync();
        var page = await SignedInPageAsync(context, name);
        await Expect(page.Locator("#devices tbody tr")).ToHaveCountAsync(2);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync("/auth/sessions?keep_current=true", phone)).StatusCode);

        await page.ClickAsync("#revoke-others");

        await Expect(page.Locator("#signin")).ToBeVisibleAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Signed out:");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "refresh_token");
    }

    /// <summary>
    /// CSRF: a page on another site posts forms to the service. The cookie is SameSite=Strict, so none of them
    /// carries it, and the endpoints that set or delete it refuse a cross-site request (Origin, Sec-Fetch-Site).
    /// A logout used to answer 204 and delete the cookie, which the browser obeyed: the victim was signed out.
    /// </summary>
    [Fact]
    public async Task ForeignSitesFormPosts_ToLoginRefreshAndLogout_AreRefused_AndLeaveTheBrowserSignedIn()
    {
        var (name, _) = await Api.NewUserAsync();
        await using var context = await fixture.NewContextAsync();
        var page = await SignedInPageAsync(context, name);
        var before = (await context.CookiesAsync()).Single(c => c.Name == "refresh_token").Value;
        var foreign = await context.NewPageAsync();

        foreach (var path in new[] { "/auth/logout", "/auth/refresh", "/auth/token" })
        {
            await context.RouteAsync($"http://foreign.test{path}", route => route.FulfillAsync(new()
            {
                ContentType = "text/html",
                Body = $"<form method='post' action='{new Uri(fixture.Node.BaseAddress, path)}'>" +
                       $"<input name='username' value='{name}'><input name='password' value='{ApiCalls.Password}'></form>" +
                       "<script>document.forms[0].submit()</script>",
            }));
            var posted = foreign.WaitForResponseAsync(response => response.Url.StartsWith(fixture.Node.BaseAddress.ToString()));
            // Commit only: a 204 answer to the form's navigation would leave the foreign page never "loaded".
            await foreign.GotoAsync($"http://foreign.test{path}", new() { WaitUntil = WaitUntilState.Commit });
            var response = await posted;
            await response.FinishedAsync();

            Assert.True(response.Status == 403, $"{path} from a foreign page: {response.Status}");
            var after = Assert.Single(await context.CookiesAsync(), c => c.Name == "refresh_token");
            Assert.Equal(before, after.Value);
        }

        await page.ReloadAsync();
        await Expect(page.Locator("#who")).ToHaveTextAsync(name);
    }

    private static async Task ChangePasswordAsync(IPage page, string current, string next)
    {
        await page.FillAsync("#current-password", current);
        await page.FillAsync("#new-password", next);
        await page.ClickAsync("#password-button");
    }

    private async Task<IPage> SignedInPageAsync(IBrowserContext context, string name)
    {
        var page = await context.NewPageAsync();
        var cspViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                cspViolations.Add(message.Text);
            }
        };
        await page.GotoAsync("/account");
        await Expect(page.Locator("body[data-ready='true']")).ToHaveCountAsync(1);
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(ApiCalls.Password);
        await page.GetByLabel("Name this device").FillAsync("Test browser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#who")).ToHaveTextAsync(name);
        Assert.Empty(cspViolations);
        return page;
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(BrowserFixture.Artifacts, $"account-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }
}
