using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SessionService.Tests.Support;
using static SessionService.Tests.Support.WordPressCalls;

namespace SessionService.Tests.Http.Compat.WordPress;

/// <summary><c>POST /token</c> of <c>compat/wordpress-jwt-auth.md</c> §1, §2 and §5's cookie: branches, envelope, parameters.</summary>
[Collection(WordPressNode.Collection)]
public sealed class WordPressTokenTests(WordPressNode node)
{
    private HttpClient Client => node.Client;

    [Fact]
    public async Task PasswordLogin_AnswersTheCredentialEnvelope_WithTheUsersFields()
    {
        var (name, id) = await Client.NewUserAsync();
        var admin = await Client.AdminTokenAsync();
        await Client.SendAsync(HttpMethod.Patch, $"/users/{id}",
            new { email = $"{name}@example.com", first_name = "Ada", last_name = "Lovelace", display_name = "Ada L." }, admin);
        var number = (await (await Client.GetAsync($"/users/{id}", admin)).JsonAsync()).GetProperty("number").GetInt64();

        var response = await Client.WordPressAsync("/token", Form(("username", name), ("password", ApiCalls.Password)));
        var json = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=UTF-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(["success", "statusCode", "code", "message", "data"], json.EnumerateObject().Select(p => p.Name));
        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.Equal(200, json.GetProperty("statusCode").GetInt32());
        Assert.Equal("jwt_auth_valid_credential", json.Str("code"));
        Assert.Equal("Credential is valid", json.Str("message"));
        var data = json.GetProperty("data");
        Assert.Equal(["token", "id", "email", "nicename", "firstName", "lastName", "displayName"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal(number, data.GetProperty("id").GetInt64());
        Assert.Equal($"{name}@example.com", data.Str("email"));
        Assert.Equal(name.ToLowerInvariant(), data.Str("nicename"));
        Assert.Equal("Ada", data.Str("firstName"));
        Assert.Equal("Lovelace", data.Str("lastName"));
        Assert.Equal("Ada L.", data.Str("displayName"));
    }

    [Fact]
    public async Task PasswordLogin_WithoutProfileFields_AnswersEmptyStrings_AndTheLoginAsDisplayName()
    {
        var (name, _) = await Client.NewUserAsync();

        var data = (await (await Client.WordPressAsync("/token", Form(("username", name), ("password", ApiCalls.Password)))).JsonAsync()).GetProperty("data");

        Assert.Equal("", data.Str("email"));
        Assert.Equal("", data.Str("firstName"));
        Assert.Equal("", data.Str("lastName"));
        Assert.Equal(name, data.Str("displayName"));
    }

    [Fact]
    public async Task PasswordLogin_SetsTheRefreshCookie_InThePluginsShapeAndAttributes()
    {
        var (name, id) = await Client.NewUserAsync();
        var number = (await (await Client.GetAsync($"/users/{id}", await Client.AdminTokenAsync())).JsonAsync()).GetProperty("number").GetInt64();

        var response = await Client.WordPressAsync("/token", Form(("username", name), ("password", ApiCalls.Password)));
        var header = SetCookie(response)!;

        var match = Regex.Match(header, @"^refresh_token=(\d+)\.([0-9a-f]{64}); expires=(\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2}) GMT; Max-Age=(\d+); path=/; HttpOnly$");
        Assert.True(match.Success, header);
        Assert.Equal(number, long.Parse(match.Groups[1].Value));
        Assert.Equal(2592000, long.Parse(match.Groups[4].Value));
        var expires = DateTimeOffset.ParseExact(match.Groups[3].Value + " +00:00", "ddd, dd MMM yyyy HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - node.Factory.Clock.GetUtcNow(), TimeSpan.FromDays(30) - TimeSpan.FromSeconds(2), TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        Assert.DoesNotContain("secure", header, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("samesite", header, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain", header, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PasswordLogin_OverHttps_MarksTheCookieSecure()
    {
        var (name, _) = await Client.NewUserAsync();
        using var https = node.Factory.CreateClient(new() { HandleCookies = false, BaseAddress = new Uri("https://localhost") });

        var response = await https.WordPressAsync("/token", Form(("username", name), ("password", ApiCalls.Password)));

        Assert.EndsWith("; path=/; secure; HttpOnly", SetCookie(response));
    }

    [Fact]
    public async Task AccessToken_CarriesThePluginsClaims_AndIsOneOfOurAccessTokens()
    {
        var (name, id) = await Client.NewUserAsync();
        var number = (await (await Client.GetAsync($"/users/{id}", await Client.AdminTokenAsync())).JsonAsync()).GetProperty("number").GetInt64();

        var response = await Client.WordPressAsync("/token", Form(("username", name), ("password", ApiCalls.Password), ("device", "Élan's Phone")));
        var token = (await response.JsonAsync()).GetProperty("data").Str("token");
        var claims = UserPatches.Payload(token);
        var user = claims.GetProperty("data").GetProperty("user");

        Assert.Equal(WordPressNode.Issuer, claims.Str("iss"));
        Assert.Equal(600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.Equal(claims.GetProperty("iat").GetInt64(), claims.GetProperty("nbf").GetInt64());
        Assert.Equal(number, user.GetProperty("id").GetInt64());
        Assert.Equal("Elans Phone", user.Str("device"));
        Assert.Matches("^[0-9a-f]{32}$", user.Str("pass"));
        var validated = await Client.ValidateAsync(token);
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        Assert.Equal(id, (await validated.JsonAsync()).Str("sub"));
    }

    [Theory]
    [InlineData("Ångström Æther ßeta", "Angstrom Ather Sseta")]
    [InlineData("<b>Pixel</b>  8\tPro", "Pixel 8 Pro")]
    [InlineData("Šüper-Ðevice!", "Sperevice")]
    [InlineData("日本", "")]
    public async Task AccessToken_DeviceClaim_IsTheFormDeviceCleanedAsThePluginCleansIt(string device, string cleaned)
    {
        var (name, _) = await Client.NewUserAsync();

        var response = await Client.WordPressAsync("/token", Form(("username", name), ("password", ApiCalls.Password), ("device", device)));
        var token = (await response.JsonAsync()).GetProperty("data").Str("token");

        Assert.Equal(cleaned, UserPatches.Payload(token).GetProperty("data").GetProperty("user").Str("device"));
    }

    [Fact]
    public async Task Parameters_ComeFromJsonThenFormThenQuery()
    {
        var (name, _) = await Client.NewUserAsync();
        var wrongInQuery = $"{Root}/token?username=nobody&password=wrong-password-1";

        var json = await Client.SendToAsync(HttpMethod.Post, wrongInQuery, Json($$"""{"username":"{{name}}","password":"{{ApiCalls.Password}}"}"""));
        var form = await Client.SendToAsync(HttpMethod.Post, wrongInQuery, UrlEncoded(("username", name), ("password", ApiCalls.Password)));
        var multipart = await Client.SendToAsync(HttpMethod.Post, wrongInQuery, Form(("username", name), ("password", ApiCalls.Password)));
        var queryOnly = await Client.SendToAsync(HttpMethod.Post, $"{Root}/token?username={name}&password={ApiCalls.Password}");
        var queryFillsTheGap = await Client.SendToAsync(HttpMethod.Post, $"{Root}/token?password={ApiCalls.Password}", Form(("username", name)));

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.OK, multipart.StatusCode);
        Assert.Equal(HttpStatusCode.OK, queryOnly.StatusCode);
        Assert.Equal(HttpStatusCode.OK, queryFillsTheGap.StatusCode);
    }

    [Fact]
    public async Task Parameters_TheDeviceSlotComesFromAnySource_TheDeviceClaimOnlyFromTheForm()
    {
        var (name, _) = await Client.NewUserAsync();

        var response = await Client.SendToAsync(HttpMethod.Post, $"{Root}/token?device=Tablet",
            Json($$"""{"username":"{{name}}","password":"{{ApiCalls.Password}}"}"""));
        var token = (await response.JsonAsync()).GetProperty("data").Str("token");
        var cookie = RefreshCookie(response)!;

        Assert.Equal("", UserPatches.Payload(token).GetProperty("data").GetProperty("user").Str("device"));
        Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token", Form(("device", "Tablet")), cookie)).StatusCode);
        Assert.Equal("jwt_auth_invalid_refresh_token", (await (await Client.WordPressAsync("/token", null, cookie)).EnvelopeAsync()).Code);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("USER", null)]
    [InlineData(null, "PASSWORD")]
    public async Task NoCredentials_AndNoCookie_IsMissingCredentials(string? username, string? password)
    {
        var (name, _) = await Client.NewUserAsync();
        var fields = new List<(string, string)>();
        if (username is not null)
        {
            fields.Add(("username", name));
        }

        if (password is not null)
        {
            fields.Add(("password", ApiCalls.Password));
        }

        var response = await Client.WordPressAsync("/token", Form([.. fields]));
        var envelope = await response.EnvelopeAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal((401, "jwt_auth_missing_credentials", "Username and password are required"), (envelope.Status, envelope.Code, envelope.Message));
        Assert.Equal(JsonValueKind.Array, envelope.Data?.ValueKind);
        Assert.Equal(0, envelope.Data?.GetArrayLength());
        Assert.Null(SetCookie(response));
    }

    [Theory]
    [InlineData("", "", "empty_username", "Error: The username field is empty.")]
    [InlineData("", "PASSWORD", "empty_username", "Error: The username field is empty.")]
    [InlineData("NAME", "", "empty_password", "Error: The password field is empty.")]
    [InlineData("NAME", "0", "empty_password", "Error: The password field is empty.")]
    [InlineData("NAME", "   ", "empty_password", "Error: The password field is empty.")]
    [InlineData("NAME", "wrong-password-1", "incorrect_password", "Error: The password you entered for the username NAME is incorrect. Lost your password?")]
    [InlineData("nobody-by-this-name", "wrong-password-1", "incorrect_password", "Error: The password you entered for the username nobody-by-this-name is incorrect. Lost your password?")]
    public async Task PasswordLogin_Failures_AnswerWordPressCoresCodeAndMessage(string username, string password, string code, string message)
    {
        var (name, _) = await Client.NewUserAsync();
        username = username.Replace("NAME", name);
        password = password.Replace("PASSWORD", ApiCalls.Password);

        var response = await Client.WordPressAsync("/token", Form(("username", username), ("password", password)));
        var envelope = await response.EnvelopeAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal((401, code, message.Replace("NAME", name)), (envelope.Status, envelope.Code, envelope.Message));
        Assert.Equal(0, envelope.Data?.GetArrayLength());
        Assert.Null(SetCookie(response));
    }

    [Fact]
    public async Task PasswordLogin_ByEmail_FollowsTheProfilesEmail_AndItsChanges()
    {
        var (name, id) = await Client.NewUserAsync();
        var admin = await Client.AdminTokenAsync();
        await Client.SendAsync(HttpMethod.Patch, $"/users/{id}", new { email = $"{name}@Example.com" }, admin);

        var byEmail = await Client.WordPressAsync("/token", Form(("username", $" {name.ToUpperInvariant()}@example.COM "), ("password", ApiCalls.Password)));
        var validated = await Client.ValidateAsync((await byEmail.JsonAsync()).GetProperty("data").Str("token"));
        var wrongPassword = await (await Client.WordPressAsync("/token", Form(("username", $"{name}@example.com"), ("password", "wrong-password-1")))).EnvelopeAsync();
        await Client.SendAsync(HttpMethod.Patch, $"/users/{id}", new { email = $"{name}@new.example" }, admin);
        var oldEmail = await (await Client.WordPressAsync("/token", Form(("username", $"{name}@example.com"), ("password", ApiCalls.Password)))).EnvelopeAsync();
        var newEmail = await Client.WordPressAsync("/token", Form(("username", $"{name}@new.example"), ("password", ApiCalls.Password)));

        Assert.Equal(HttpStatusCode.OK, byEmail.StatusCode);
        Assert.Equal(id, (await validated.JsonAsync()).Str("sub"));
        Assert.Equal(("incorrect_password", $"Error: The password you entered for the email address {name}@example.com is incorrect. Lost your password?"),
            (wrongPassword.Code, wrongPassword.Message));
        Assert.Equal("incorrect_password", oldEmail.Code);
        Assert.Equal(HttpStatusCode.OK, newEmail.StatusCode);
    }

    [Fact]
    public async Task PasswordLogin_ByAnEmailTwoUsersShare_OrOfADeletedUser_Fails()
    {
        var (first, firstId) = await Client.NewUserAsync();
        var (_, secondId) = await Client.NewUserAsync();
        var (third, thirdId) = await Client.NewUserAsync();
        var admin = await Client.AdminTokenAsync();
        var shared = $"{first}@shared.example";
        await Client.SendAsync(HttpMethod.Patch, $"/users/{firstId}", new { email = shared }, admin);
        await Client.SendAsync(HttpMethod.Patch, $"/users/{secondId}", new { email = shared }, admin);
        await Client.SendAsync(HttpMethod.Patch, $"/users/{thirdId}", new { email = $"{third}@gone.example" }, admin);
        Assert.Equal(HttpStatusCode.OK, (await Client.WordPressAsync("/token", Form(("username", $"{third}@gone.example"), ("password", ApiCalls.Password)))).StatusCode);
        await Client.DeleteAsync($"/users/{thirdId}", admin);

        var byShared = await (await Client.WordPressAsync("/token", Form(("username", shared), ("password", ApiCalls.Password)))).EnvelopeAsync();
        var byName = await Client.WordPressAsync("/token", Form(("username", first), ("password", ApiCalls.Password)));
        var byDeleted = await (await Client.WordPressAsync("/token", Form(("username", $"{third}@gone.example"), ("password", ApiCalls.Password)))).EnvelopeAsync();

        Assert.Equal("incorrect_password", byShared.Code);
        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
        Assert.Equal("incorrect_password", byDeleted.Code);
    }

    [Fact]
    public async Task EmailLogin_IsOnlyTheWordPressSurfaces()
    {
        var (name, id) = await Client.NewUserAsync();
        await Client.SendAsync(HttpMethod.Patch, $"/users/{id}", new { email = $"{name}@only-wp.example" }, await Client.AdminTokenAsync());

        await (await Client.LoginAsync($"{name}@only-wp.example")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task PasswordLogin_WithCustomAuth_FailsAsThePluginDoesWithNoHandler()
    {
        var (name, _) = await Client.NewUserAsync();

        var response = await Client.WordPressAsync("/token", Form(("username", name), ("password", ApiCalls.Password), ("custom_auth", "otp-123456")));
        var withZero = await Client.WordPressAsync("/token", Form(("username", name), ("password", ApiCalls.Password), ("custom_auth", "0")));

        Assert.Equal(("jwt_auth_custom_auth_failed", "Custom authentication failed."), ((await response.EnvelopeAsync()).Code, (await response.EnvelopeAsync()).Message));
        Assert.Equal(HttpStatusCode.OK, withZero.StatusCode);
    }

    [Fact]
    public async Task PasswordLogin_IgnoresAnyRefreshCookieSent()
    {
        var (name, _) = await Client.NewUserAsync();

        var response = await Client.WordPressAsync("/token", Form(("username", name), ("password", ApiCalls.Password)), cookie: "999999.not-a-real-token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(RefreshCookie(response));
    }

    [Fact]
    public async Task CookieLogin_AnswersACredential_SetsNoCookie_AndCanBeRepeated()
    {
        var (name, id) = await Client.NewUserAsync();
        var (_, cookie) = await Client.WordPressLoginAsync(name, "Phone");

        var first = await Client.WordPressAsync("/token", Form(("device", "Phone")), cookie);
        var second = await Client.WordPressAsync("/token", Form(("device", "Phone"), ("username", name)), cookie);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("jwt_auth_valid_credential", (await first.EnvelopeAsync()).Code);
        Assert.Null(SetCookie(first));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var token = (await second.JsonAsync()).GetProperty("data").Str("token");
        Assert.Equal(id, (await (await Client.ValidateAsync(token)).JsonAsync()).Str("sub"));
    }

    [Theory]
    [InlineData("NUMBER.SECRET.extra")]
    [InlineData("NUMBER")]
    [InlineData("abc.SECRET")]
    [InlineData("0.SECRET")]
    [InlineData("NUMBER.")]
    [InlineData("")]
    public async Task CookieLogin_MalformedToken_IsInvalidWithoutData(string shape)
    {
        var (name, _) = await Client.NewUserAsync();
        var (_, cookie) = await Client.WordPressLoginAsync(name);
        var (number, secret) = (cookie.Split('.')[0], cookie.Split('.')[1]);

        var response = await Client.WordPressAsync("/token", null, "refresh_token=" + shape.Replace("NUMBER", number).Replace("SECRET", secret));
        var envelope = await response.EnvelopeAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(("jwt_auth_invalid_refresh_token", "Invalid refresh token"), (envelope.Code, envelope.Message));
        Assert.Equal(["success", "statusCode", "code", "message"], envelope.Keys);
    }

    [Fact]
    public async Task CookieLogin_ReadsTheCookieAsPhpDoes_UrlDecoded_FirstOfTwoWins()
    {
        var (name, _) = await Client.NewUserAsync();
        var (_, cookie) = await Client.WordPressLoginAsync(name);
        var encoded = cookie.Replace(".", "%2E");

        var decoded = await Client.WordPressAsync("/token", null, $"other=1; refresh_token={encoded}");
        var firstWins = await Client.WordPressAsync("/token", null, $"refresh_token={cookie}; refresh_token=1.bad");
        var firstLoses = await Client.WordPressAsync("/token", null, $"refresh_token=1.bad; refresh_token={cookie}");

        Assert.Equal(HttpStatusCode.OK, decoded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, firstWins.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, firstLoses.StatusCode);
    }

    [Fact]
    public async Task UserNumberLeadingDigits_AreTheNumber_AsPhpIntvalReadsThem()
    {
        var (name, _) = await Client.NewUserAsync();
        var (_, cookie) = await Client.WordPressLoginAsync(name);
        var (number, secret) = (cookie.Split('.')[0], cookie.Split('.')[1]);

        var response = await Client.WordPressAsync("/token", null, $"{number}abc.{secret}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
