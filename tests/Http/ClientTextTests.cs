using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>Device ids, device names and user agents are shown to users and admins: no hidden or reordering characters.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientTextTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    public static TheoryData<string> HiddenCharacters => ["\u001b[2J", "\u0085", "\u202E", "\u202A", "\u2066", "\u2069", "\u200B", "\u200F", "\uFEFF", "\u2028", "\u2029"];

    [Theory]
    [MemberData(nameof(HiddenCharacters))]
    public async Task Login_Is400_WhenDeviceNameHasAHiddenCharacter(string hidden)
    {
        var (name, _) = await Client.NewUserAsync();

        var response = await Client.PostAsync("/auth/token", new { username = name, password = ApiCalls.Password, device_name = "phone" + hidden + "x" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("a%2Fb")]
    [InlineData("a?b")]
    [InlineData("téléphone")]
    [InlineData("phone\u202E")]
    public async Task Login_Is400_WhenDeviceIsNotUrlSafe(string device)
    {
        var (name, _) = await Client.NewUserAsync();

        var response = await Client.PostAsync("/auth/token", new { username = name, password = ApiCalls.Password, device });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task EveryUrlSafeDevice_UpToTheLimit_CanLogInAndBeRevokedByItsId()
    {
        var (name, _) = await Client.NewUserAsync();
        var longest = new string('d', 128);
        var punctuated = "Az09-._~";
        var current = await Client.LoginOkAsync(name, device: "keeper");
        await Client.LoginOkAsync(name, device: longest);
        await Client.LoginOkAsync(name, device: punctuated);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/auth/sessions/{longest}", current.Str("access_token"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/auth/sessions/{punctuated}", current.Str("access_token"))).StatusCode);
        await (await Client.LoginAsync(name, device: longest + "d")).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Login_KeepsAVisibleUnicodeDeviceName()
    {
        var (name, _) = await Client.NewUserAsync();
        var deviceName = "Zoë's phone ❤️ 電話";
        var login = await Client.PostAsync("/auth/token", new { username = name, password = ApiCalls.Password, device = "p1", device_name = deviceName });

        var sessions = await (await Client.GetAsync("/auth/sessions", (await login.JsonAsync()).Str("access_token"))).JsonAsync();

        Assert.Equal(deviceName, Assert.Single(sessions.EnumerateArray()).Str("device_name"));
    }

    [Fact]
    public async Task UserAgent_IsStoredAndShownWithoutHiddenCharacters()
    {
        var (name, id) = await Client.NewUserAsync();
        var login = await (await LoginWithUserAgentAsync(name, ApiCalls.Password)).JsonAsync();
        await LoginWithUserAgentAsync(name, "wrong-password-1");

        var session = Assert.Single((await (await Client.GetAsync("/auth/sessions", login.Str("access_token"))).JsonAsync()).EnumerateArray());
        var attempts = await (await Client.GetAsync($"/users/{id}/login-attempts", await Client.AdminTokenAsync())).JsonAsync();

        Assert.Equal("Evil[31m/1.0 gnp.exe end", session.Str("user_agent"));
        Assert.Equal("Evil[31m/1.0 gnp.exe end", attempts[0].Str("user_agent"));
    }

    private Task<HttpResponseMessage> LoginWithUserAgentAsync(string name, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { username = name, password, device = "ua" }),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", "Evil\u001b[31m/1.0 \u202Egnp.exe\u200B \u0085end");
        return Client.SendAsync(request);
    }
}
