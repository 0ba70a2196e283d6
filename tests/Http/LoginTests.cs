using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class LoginTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Token_ReturnsContractShapeAndCookie_WhenCredentialsAreRight()
    {
        var (name, id) = await Client.NewUserAsync(["editor"]);

        var response = await Client.LoginAsync(name, device: "phone");
        var json = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", json.Str("token_type"));
        Assert.Equal(600, json.GetProperty("expires_in").GetInt64());
        Assert.Equal(2592000, json.GetProperty("refresh_expires_in").GetInt64());
        Assert.Equal("phone", json.Str("device"));
        Assert.Equal(id, json.GetProperty("user").Str("id"));
        Assert.Equal(name, json.GetProperty("user").Str("username"));
        Assert.Equal("editor", json.GetProperty("user").GetProperty("roles")[0].GetString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("refresh_token=" + json.Str("refresh_token"), cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Contains("path=/auth", cookie);
        Assert.Contains("secure", cookie);
    }

    [Fact]
    public async Task Token_MakesDeviceId_WhenNoneGiven()
    {
        var (name, _) = await Client.NewUserAsync();

        var first = await Client.LoginOkAsync(name);
        var second = await Client.LoginOkAsync(name);

        Assert.NotEqual(first.Str("device"), second.Str("device"));
        Assert.True(first.Str("device").Length >= 16);
    }

    [Fact]
    public async Task Token_AcceptsUrlEncodedAndMultipartForms()
    {
        var (name, _) = await Client.NewUserAsync();
        var fields = new Dictionary<string, string> { ["username"] = name, ["password"] = ApiCalls.Password, ["device"] = "form" };

        var urlEncoded = await Client.SendAsync(HttpMethod.Post, "/auth/token", content: new FormUrlEncodedContent(fields));
        var multipart = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            multipart.Add(new StringContent(value), key);
        }

        var multipartResponse = await Client.SendAsync(HttpMethod.Post, "/auth/token", content: multipart);

        Assert.Equal(HttpStatusCode.OK, urlEncoded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, multipartResponse.StatusCode);
    }

    [Fact]
    public async Task Token_AnswersAlike_ForUnknownUserAndWrongPassword()
    {
        var (name, _) = await Client.NewUserAsync();

        var unknown = await Client.LoginAsync("nobody-" + Guid.NewGuid().ToString("N")[..8]);
        var wrong = await Client.LoginAsync(name, "wrong-password-1");

        await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var a = await unknown.JsonAsync();
        var b = await wrong.JsonAsync();
        Assert.Equal(a.Str("detail"), b.Str("detail"));
        Assert.Equal(a.Str("title"), b.Str("title"));
    }

    [Fact]
    public async Task Token_LocksUnknownNamesExactlyLikeRealAccounts()
    {
        var (known, _) = await Client.NewUserAsync();
        var unknown = "ghost-" + Guid.NewGuid().ToString("N")[..8];

        async Task<string[]> SixFailuresAsync(string name)
        {
            var answers = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                var response = await Client.LoginAsync(name, "wrong-password-1");
                var json = await response.JsonAsync();
                answers.Add($"{(int)response.StatusCode} {json.Str("code")} {json.Str("detail")} {response.Headers.RetryAfter?.Delta}");
            }

            return [.. answers];
        }

        var knownAnswers = await SixFailuresAsync(known);
        var unknownAnswers = await SixFailuresAsync(unknown);

        Assert.Equal(knownAnswers, unknownAnswers);
        Assert.StartsWith("423 account_locked", unknownAnswers[5]);
        Assert.All(unknownAnswers[..5], a => Assert.StartsWith("401 invalid_credentials", a));
    }

    [Fact]
    public async Task Token_IsCaseInsensitiveOnUsername()
    {
        var (name, id) = await Client.NewUserAsync();

        var json = await Client.LoginOkAsync(name.ToUpperInvariant());

        Assert.Equal(id, json.GetProperty("user").Str("id"));
    }

    [Fact]
    public async Task Token_Is423WithRetryAfter_AfterFiveFailures_AndEnableLiftsLock()
    {
        var (name, id) = await Client.NewUserAsync();
        for (var i = 0; i < 5; i++)
        {
            await (await Client.LoginAsync(name, "wrong-password-1")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var locked = await Client.LoginAsync(name);
        await locked.AssertProblemAsync(HttpStatusCode.Locked, "account_locked");
        Assert.Equal(TimeSpan.FromSeconds(60), locked.Headers.RetryAfter?.Delta);

        var admin = await Client.AdminTokenAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync($"/users/{id}/enable", bearer: admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.LoginAsync(name)).StatusCode);
    }

    [Fact]
    public async Task Token_Is403_WhenAccountDisabledAndPasswordRight()
    {
        var (name, id) = await Client.NewUserAsync();
        var admin = await Client.AdminTokenAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync($"/users/{id}/disable", bearer: admin)).StatusCode);

        await (await Client.LoginAsync(name)).AssertProblemAsync(HttpStatusCode.Forbidden, "account_disabled");
        await (await Client.LoginAsync(name, "wrong-password-1")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task LoginAttempts_ListFailuresNewestFirst_WithoutPasswords()
    {
        var (name, id) = await Client.NewUserAsync();
        await Client.LoginAsync(name, "first-wrong-password", device: "one");
        await Client.LoginAsync(name, "second-wrong-password", device: "two");

        var response = await Client.GetAsync($"/users/{id}/login-attempts", await Client.AdminTokenAsync());
        var text = await response.Content.ReadAsStringAsync();
        var attempts = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, attempts.GetArrayLength());
        Assert.Equal("two", attempts[0].Str("device"));
        Assert.Equal("invalid_credentials", attempts[0].Str("reason"));
        Assert.Equal(name, attempts[0].Str("username"));
        Assert.Equal(id, attempts[0].Str("user_id"));
        Assert.False(attempts[0].GetProperty("succeeded").GetBoolean());
        Assert.DoesNotContain("wrong-password", text);
    }

    [Fact]
    public async Task LockedAddress_LetsThroughADeviceThatSendsItsCurrentRefreshToken()
    {
        var (name, _) = await Client.NewUserAsync();
        var device = await Client.LoginOkAsync(name, device: "tablet");
        for (var i = 0; i < 5; i++)
        {
            await (await Client.LoginAsync(name, "wrong-password-123")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        await (await Client.LoginAsync(name)).AssertProblemAsync(HttpStatusCode.Locked, "account_locked");
        var proven = await Client.PostAsync("/auth/token", new { username = name, password = ApiCalls.Password, device = "tablet", refresh_token = device.Str("refresh_token") });

        Assert.Equal(HttpStatusCode.OK, proven.StatusCode);
    }
}
