using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Compat;

/// <summary>The node the tests of <see cref="FlaskJwtTests"/> share.</summary>
public sealed class FlaskJwtNode() : SharedNode(new Dictionary<string, string?> { ["Compat:FlaskJwt:Enabled"] = "true" });

/// <summary>The Flask-JWT surface (<c>compat/flask-jwt.md</c>) on a node with <c>Compat:FlaskJwt:Enabled=true</c>.</summary>
public sealed class FlaskJwtTests(FlaskJwtNode fixture) : IClassFixture<FlaskJwtNode>
{
    private const string BadLogin = """{"status_code":401,"error":"Bad Request","description":"Invalid credentials"}""";
    private readonly OwnNode _node = fixture.Node;

    /// <summary>A client of this test's own (its own cookies), on the shared node.</summary>
    private HttpClient Client { get; } = fixture.Node.Factory.CreateClient();

    [Fact]
    public async Task Login_AnswersOnlyTheAccessToken_WhichValidatesWithBothPrefixes()
    {
        var (name, id) = await Client.NewUserAsync();

        var response = await PostAuthAsync($$"""{"username":"{{name}}","password":"{{ApiCalls.Password}}"}""");
        var json = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["access_token"], json.EnumerateObject().Select(p => p.Name));
        var token = json.Str("access_token");
        var viaJwt = await SendAsync("/auth/validate", "JWT " + token);
        var viaLowerCase = await SendAsync("/auth/validate", "jwt   " + token + " ");
        var viaBearer = await Client.ValidateAsync(token);
        Assert.Equal(HttpStatusCode.OK, viaJwt.StatusCode);
        Assert.Equal(id, (await viaJwt.JsonAsync()).Str("sub"));
        Assert.Equal(HttpStatusCode.OK, viaLowerCase.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viaBearer.StatusCode);
    }

    [Fact]
    public async Task Login_TokenCarriesIdentity_AndLivesExpirationDelta()
    {
        var (name, id) = await Client.NewUserAsync();

        var token = (await (await PostAuthAsync(Credentials(name))).JsonAsync()).Str("access_token");
        var payload = UserPatches.Payload(token);

        Assert.Equal(id, payload.Str("identity"));
        Assert.Equal(id, payload.Str("sub"));
        Assert.Equal(300, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task Login_MakesASession_ThatShowsInTheSessionsList_AndTheJwtPrefixWorksThere()
    {
        var (name, _) = await Client.NewUserAsync();
        var token = (await (await PostAuthAsync(Credentials(name))).JsonAsync()).Str("access_token");

        var response = await SendAsync("/auth/sessions", "JWT " + token);
        var sessions = (await response.JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = Assert.Single(sessions);
        Assert.True(session.GetProperty("current").GetBoolean());
    }

    [Theory]
    [InlineData("""{"username":"nobody-here","password":"whatever-it-is"}""", "application/json")]
    [InlineData("""{"username":"NAME"}""", "application/json")]
    [InlineData("""{"password":"PASSWORD"}""", "application/json")]
    [InlineData("""{"username":"NAME","password":"PASSWORD","device":"phone"}""", "application/json")]
    [InlineData("""{"username":"NAME","password":""}""", "application/json")]
    [InlineData("""{"username":"NAME","password":42}""", "application/json")]
    [InlineData("""{"username":"NAME","password":"PASSWORD"}""", "text/plain")]
    [InlineData("username=NAME&password=PASSWORD", "application/x-www-form-urlencoded")]
    [InlineData("""{"username":"NAME",""", "application/json")]
    [InlineData("""["NAME","PASSWORD"]""", "application/json")]
    [InlineData("", "application/json")]
    public async Task Login_AnswersFlaskJwtsBadRequestBody_ForWrongCredentialsOrAnyOtherBody(string body, string contentType)
    {
        var (name, _) = await Client.NewUserAsync();

        var response = await PostAuthAsync(body.Replace("NAME", name).Replace("PASSWORD", ApiCalls.Password), contentType);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(BadLogin, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_WrongPassword_IsTheSameBody_AndAHugeUsernameIsNot5xx()
    {
        var (name, _) = await Client.NewUserAsync();

        var wrong = await PostAuthAsync(Credentials(name, "not-the-password-1"));
        var huge = await PostAuthAsync(JsonSerializer.Serialize(new { username = new string('x', 100_000), password = "p" }));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(BadLogin, await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, huge.StatusCode);
        Assert.Equal(BadLogin, await huge.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_KeepsOurLockout_InFlaskJwtsEnvelope()
    {
        var (name, _) = await Client.NewUserAsync();
        HttpResponseMessage response;
        var attempts = 0;
        do
        {
            response = await PostAuthAsync(Credentials(name, "not-the-password-1"));
        }
        while (response.StatusCode == HttpStatusCode.Unauthorized && ++attempts < 30);

        var json = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.Locked, response.StatusCode);
        Assert.Equal(423, json.GetProperty("status_code").GetInt32());
        Assert.Equal("account_locked", json.Str("error"));
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Login_IsRateLimitedAsAuthToken_InFlaskJwtsEnvelope()
    {
        await using var node = new OwnNode(new Dictionary<string, string?>
        {
            ["Compat:FlaskJwt:Enabled"] = "true",
            ["RateLimit:Enabled"] = "true",
            ["RateLimit:PermitLimit"] = "2",
            ["RateLimit:Window"] = "00:10:00",
        });
        var body = """{"username":"nobody-here","password":"whatever-it-is"}""";

        HttpResponseMessage last = null!;
        for (var i = 0; i < 3; i++)
        {
            last = await node.Client.SendAsync(HttpMethod.Post, "/auth", content: new StringContent(body, Encoding.UTF8, "application/json"));
        }

        var json = await last.JsonAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal(429, json.GetProperty("status_code").GetInt32());
        Assert.Equal("rate_limited", json.Str("error"));
        Assert.NotNull(last.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("JWT", "Invalid JWT header", "Token missing")]
    [InlineData("jwt   ", "Invalid JWT header", "Token missing")]
    [InlineData("JWT a b", "Invalid JWT header", "Token contains spaces")]
    [InlineData("JWT not-a-token", "Invalid token", "The access token is malformed.")]
    public async Task HeaderErrors_AreFlaskJwtsBodies_WithTheRealmChallenge(string header, string error, string description)
    {
        var response = await SendAsync("/auth/validate", header);

        await AssertFlaskErrorAsync(response, error, description);
    }

    [Fact]
    public async Task TokenErrors_NameThePyJwtReason()
    {
        var (name, id) = await Client.NewUserAsync();
        var admin = await Client.AdminTokenAsync();
        var token = (await (await PostAuthAsync(Credentials(name))).JsonAsync()).Str("access_token");
        var parts = token.Split('.');
        var tampered = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}";
        var future = TokenForge.Sign(_node.Factory, (d, _) =>
        {
            d.NotBefore = _node.Factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(5);
            d.Expires = d.NotBefore.Value.AddMinutes(10);
        });

        await AssertFlaskErrorAsync(await SendAsync("/auth/validate", "JWT " + tampered), "Invalid token", "Signature verification failed");
        await AssertFlaskErrorAsync(await SendAsync("/auth/validate", "JWT " + future), "Invalid token", "The token is not yet valid (nbf)");

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/users/{id}", admin)).StatusCode);
        await AssertFlaskErrorAsync(await SendAsync("/auth/validate", "JWT " + token), "Invalid JWT", "User does not exist");
    }

    [Fact]
    public async Task ExpiredToken_IsSignatureHasExpired()
    {
        var (name, _) = await Client.NewUserAsync();
        var token = (await (await PostAuthAsync(Credentials(name))).JsonAsync()).Str("access_token");

        _node.Factory.Clock.Advance(TimeSpan.FromHours(1));

        await AssertFlaskErrorAsync(await SendAsync("/auth/validate", "JWT " + token), "Invalid token", "Signature has expired");
    }

    [Fact]
    public async Task NoHeaderOrAnotherScheme_KeepsOurOwnAnswer()
    {
        await (await SendAsync("/auth/validate", null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
        await (await SendAsync("/auth/validate", "Basic dXNlcjpwYXNz")).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
        await (await SendAsync("/auth/validate", "Bearer not-a-token")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        await (await SendAsync("/no/such/path", "JWT")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal("{\"status_code\":401,\"error\":\"Invalid JWT header\",\"description\":\"Token missing\"}",
            await (await SendAsync("/users", "JWT")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Disabled_AuthIsNotFound_AndTheJwtPrefixIsNotAccepted()
    {
        await using var node = new OwnNode();
        var (name, _) = await node.Client.NewUserAsync();
        var token = (await node.Client.LoginOkAsync(name)).Str("access_token");

        var login = await node.Client.PostAsync("/auth", new { username = name, password = ApiCalls.Password });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/validate");
        request.Headers.TryAddWithoutValidation("Authorization", "JWT " + token);
        var validate = await node.Client.SendAsync(request);

        await login.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await validate.AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
    }

    [Fact]
    public async Task Options_RenamedKeysPrefixAndRule_AreHonoured()
    {
        await using var node = new OwnNode(new Dictionary<string, string?>
        {
            ["Compat:FlaskJwt:Enabled"] = "true",
            ["Compat:FlaskJwt:AuthUrlRule"] = "/api/login",
            ["Compat:FlaskJwt:UsernameKey"] = "email",
            ["Compat:FlaskJwt:PasswordKey"] = "secret",
            ["Compat:FlaskJwt:HeaderPrefix"] = "Token",
            ["Compat:FlaskJwt:Realm"] = "Members",
            ["Compat:FlaskJwt:ExpirationDelta"] = "00:01:00",
        });
        var (name, _) = await node.Client.NewUserAsync();

        var login = await node.Client.SendAsync(HttpMethod.Post, "/api/login",
            content: new StringContent($$"""{"email":"{{name}}","secret":"{{ApiCalls.Password}}"}""", Encoding.UTF8, "application/json"));
        var token = (await login.JsonAsync()).Str("access_token");
        var payload = UserPatches.Payload(token);
        Assert.Equal(60, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        using var ok = new HttpRequestMessage(HttpMethod.Get, "/auth/validate");
        ok.Headers.TryAddWithoutValidation("Authorization", "Token " + token);
        using var missing = new HttpRequestMessage(HttpMethod.Get, "/auth/validate");
        missing.Headers.TryAddWithoutValidation("Authorization", "Token");

        Assert.Equal(HttpStatusCode.OK, (await node.Client.SendAsync(ok)).StatusCode);
        var refused = await node.Client.SendAsync(missing);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Token realm=\"Members\"", refused.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("Compat:FlaskJwt:AuthUrlRule", "auth")]
    [InlineData("Compat:FlaskJwt:HeaderPrefix", "Bearer")]
    [InlineData("Compat:FlaskJwt:HeaderPrefix", "J W T")]
    [InlineData("Compat:FlaskJwt:Realm", "say \"hi\"")]
    [InlineData("Compat:FlaskJwt:UsernameKey", "")]
    [InlineData("Compat:FlaskJwt:ExpirationDelta", "-00:00:05")]
    public async Task Options_RefuseNonsense_NamingTheKey(string key, string value)
    {
        OwnNode? node = null;
        var error = Assert.ThrowsAny<Exception>(() => node = new OwnNode(new Dictionary<string, string?> { ["Compat:FlaskJwt:Enabled"] = "true", [key] = value }));
        if (node is not null)
        {
            await node.DisposeAsync();
        }

        Assert.Contains(key, error.ToString());
    }

    private static string Credentials(string name, string password = ApiCalls.Password) =>
        JsonSerializer.Serialize(new { username = name, password });

    private Task<HttpResponseMessage> PostAuthAsync(string body, string contentType = "application/json") =>
        Client.SendAsync(HttpMethod.Post, "/auth", content: new ByteArrayContent(Encoding.UTF8.GetBytes(body))
        {
            Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) },
        });

    private async Task<HttpResponseMessage> SendAsync(string path, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Client.SendAsync(request);
    }

    private static async Task AssertFlaskErrorAsync(HttpResponseMessage response, string error, string description)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("JWT realm=\"Login Required\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(JsonSerializer.Serialize(new Dictionary<string, object> { ["status_code"] = 401, ["error"] = error, ["description"] = description }),
            await response.Content.ReadAsStringAsync());
    }
}
