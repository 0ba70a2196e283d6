using System.Net;
using System.Text.Json;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>A node whose claims hook (default <c>OnFailure=Deny</c>, 300 ms timeout) is a real HTTP server on a loopback port.</summary>
public sealed class ClaimsHookNode : IAsyncLifetime
{
    public const string Secret = "hook-secret-0123456789-abcdefghijklmnop";

    public ClaimsHookServer Hook { get; private set; } = null!;

    public OwnNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Hook = await ClaimsHookServer.StartAsync();
        Node = new OwnNode(new Dictionary<string, string?>
        {
            ["Auth:ClaimsHook:Url"] = Hook.Url,
            ["Auth:ClaimsHook:Secret"] = Secret,
            ["Auth:ClaimsHook:Timeout"] = "00:00:00.300",
        });
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Hook.DisposeAsync();
    }
}

/// <summary><c>Auth:ClaimsHook</c> against a real HTTP hook, with the default <c>OnFailure=Deny</c>.</summary>
public sealed class ClaimsHookTests : IClassFixture<ClaimsHookNode>
{
    private const string Secret = ClaimsHookNode.Secret;
    private readonly ClaimsHookNode _fixture;

    /// <summary>Each test starts with a hook that answers at once with no claims.</summary>
    public ClaimsHookTests(ClaimsHookNode fixture)
    {
        _fixture = fixture;
        fixture.Hook.Answer = new(200, """{"claims":{}}""", TimeSpan.Zero);
    }

    private ClaimsHookServer Hook => _fixture.Hook;

    private HttpClient Client => _fixture.Node.Client;

    private static JsonElement PayloadOf(string token) =>
        JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(RawJwt.PayloadOf(token))).RootElement.Clone();

    /// <summary>Asked with an admin token got before the hook was told to fail (the admin's login asks the hook too).</summary>
    private async Task<int> SessionCountAsync(string userId, string admin) =>
        (await (await Client.GetAsync($"/users/{userId}/sessions", admin)).JsonAsync()).GetArrayLength();

    [Fact]
    public async Task HookClaims_AreAddedAtLoginAndRefresh_AndTheHookIsToldWhoWithTheSecret()
    {
        Hook.Answer = new(200, """{"claims":{"tenant":"acme","plan":{"tier":2}}}""", TimeSpan.Zero);
        var (name, id) = await Client.NewUserAsync(["reader"]);

        var login = await Client.LoginOkAsync(name, device: "phone");
        var refreshed = await (await Client.RefreshAsync(login.Str("refresh_token"))).JsonAsync();

        foreach (var token in new[] { login.Str("access_token"), refreshed.Str("access_token") })
        {
            var claims = PayloadOf(token);
            Assert.Equal("acme", claims.Str("tenant"));
            Assert.Equal(2, claims.GetProperty("plan").GetProperty("tier").GetInt32());
            Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(token)).StatusCode);
        }

        var calls = Hook.Calls.Where(c => c.Body.GetProperty("user").Str("id") == id).ToList();
        Assert.Equal(["login", "refresh"], calls.Select(c => c.Body.Str("event")));
        Assert.All(calls, c => Assert.Equal("Bearer " + Secret, c.Authorization));
        Assert.All(calls, c => Assert.NotNull(c.ContentLength)); // not chunked: simple hooks read only a sized body
        Assert.Equal(name, calls[0].Body.GetProperty("user").Str("username"));
        Assert.Equal("reader", calls[0].Body.GetProperty("user").GetProperty("roles")[0].GetString());
        Assert.Equal("phone", calls[0].Body.GetProperty("session").Str("device"));
        Assert.Equal(PayloadOf(login.Str("access_token")).Str("sid"), calls[0].Body.GetProperty("session").Str("id"));
    }

    [Fact]
    public async Task HookVeto_Is403LoginDenied_AndLeavesNoSession()
    {
        var (name, id) = await Client.NewUserAsync();
        var admin = await Client.AdminTokenAsync();
        Hook.Answer = new(200, """{"deny":true,"reason":"outside office hours"}""", TimeSpan.Zero);

        var response = await Client.LoginAsync(name);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "login_denied");
        Assert.Equal("outside office hours", (await response.JsonAsync()).Str("detail"));
        Assert.Equal(0, await SessionCountAsync(id, admin));
    }

    [Fact]
    public async Task OAuthTokenEndpoint_AsksTheHookToo_ItsClaimsAreAdded_AndItsVetoIsInvalidGrant()
    {
        var (name, id) = await Client.NewUserAsync();
        var admin = await Client.AdminTokenAsync();
        var form = new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = name, ["password"] = ApiCalls.Password };
        Hook.Answer = new(200, """{"claims":{"tenant":"acme"}}""", TimeSpan.Zero);

        var issued = await (await Client.PostAsync("/oauth/token", new FormUrlEncodedContent(form))).JsonAsync();
        Hook.Answer = new(200, """{"deny":true,"reason":"outside office hours"}""", TimeSpan.Zero);
        var vetoed = await Client.PostAsync("/oauth/token", new FormUrlEncodedContent(form));

        Assert.Equal("acme", PayloadOf(issued.Str("access_token")).Str("tenant"));
        Assert.Equal(HttpStatusCode.BadRequest, vetoed.StatusCode);
        var error = await vetoed.JsonAsync();
        Assert.Equal(("invalid_grant", "outside office hours", "login_denied"), (error.Str("error"), error.Str("error_description"), error.Str("code")));
        Assert.Equal(1, await SessionCountAsync(id, admin));
    }

    [Theory]
    [InlineData(200, """{"claims":{"tenant":"acme"}}""", 2000)]
    [InlineData(500, """{"error":"boom"}""", 0)]
    [InlineData(200, """not json""", 0)]
    [InlineData(200, """{"claims":{"sub":"someone-else"}}""", 0)]
    [InlineData(200, """{"claims":{"Roles":["admin"]}}""", 0)]
    [InlineData(200, """{"claims":{"scope":"admin"}}""", 0)]
    [InlineData(200, """{"claims":{"a":"a"},"claims":{"b":"b"}}""", 0)]
    public async Task HookFailure_Is503WithRetryAfter_AndLeavesNoSession(int status, string json, int delayMs)
    {
        var (name, id) = await Client.NewUserAsync();
        var admin = await Client.AdminTokenAsync();
        Hook.Answer = new(status, json, TimeSpan.FromMilliseconds(delayMs));

        var response = await Client.LoginAsync(name);

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(0, await SessionCountAsync(id, admin));
    }

    [Fact]
    public async Task HookClaims_ThatWouldOverflowTheAccessTokenBound_AreAFailure()
    {
        var (name, _) = await Client.NewUserAsync();
        var justFits = new string('x', 2000);
        var tooMuch = new string('x', 2100);

        Hook.Answer = new(200, "{\"claims\":{\"blob\":\"" + justFits + "\"}}", TimeSpan.Zero);
        var fits = await Client.LoginAsync(name);
        Hook.Answer = new(200, "{\"claims\":{\"blob\":\"" + tooMuch + "\"}}", TimeSpan.Zero);
        var overflows = await Client.LoginAsync(name);

        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        await overflows.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
    }

    [Fact]
    public async Task RefreshWhileTheHookFails_Is503_AndTheSameRefreshTokenWorksOnceItAnswers()
    {
        var (name, _) = await Client.NewUserAsync();
        Hook.Answer = new(200, """{"claims":{"tenant":"acme"}}""", TimeSpan.Zero);
        var token = (await Client.LoginOkAsync(name)).Str("refresh_token");

        Hook.Answer = new(502, "{}", TimeSpan.Zero);
        var failed = await Client.RefreshAsync(token);
        Hook.Answer = new(200, """{"claims":{"tenant":"acme"}}""", TimeSpan.Zero);
        var retried = await Client.RefreshAsync(token);

        await failed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("acme", PayloadOf((await retried.JsonAsync()).Str("access_token")).Str("tenant"));
    }
}

/// <summary><c>Auth:ClaimsHook:OnFailure=Omit</c>: a failing hook costs its claims, not the login.</summary>
public sealed class ClaimsHookOmitTests : IAsyncLifetime
{
    private ClaimsHookServer _hook = null!;
    private OwnNode _node = null!;

    public async Task InitializeAsync()
    {
        _hook = await ClaimsHookServer.StartAsync();
        _node = new OwnNode(new Dictionary<string, string?>
        {
            ["Auth:ClaimsHook:Url"] = _hook.Url,
            ["Auth:ClaimsHook:Secret"] = "hook-secret-0123456789-abcdefghijklmnop",
            ["Auth:ClaimsHook:Timeout"] = "00:00:00.300",
            ["Auth:ClaimsHook:OnFailure"] = "Omit",
        });
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _hook.DisposeAsync();
    }

    [Fact]
    public async Task FailingOrSlowHook_IssuesTheTokenWithoutItsClaims_ButAVetoStillRefuses()
    {
        var client = _node.Client;
        var (name, _) = await client.NewUserAsync();

        _hook.Answer = new(500, """{"claims":{"tenant":"acme"}}""", TimeSpan.Zero);
        var failed = await client.LoginOkAsync(name);
        _hook.Answer = new(200, """{"claims":{"tenant":"acme"}}""", TimeSpan.FromSeconds(2));
        var slow = await client.LoginOkAsync(name);
        _hook.Answer = new(200, """{"deny":true}""", TimeSpan.Zero);
        var vetoed = await client.LoginAsync(name);

        foreach (var token in new[] { failed.Str("access_token"), slow.Str("access_token") })
        {
            var payload = JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(RawJwt.PayloadOf(token))).RootElement;
            Assert.False(payload.TryGetProperty("tenant", out _));
        }

        await vetoed.AssertProblemAsync(HttpStatusCode.Forbidden, "login_denied");
    }
}
