using System.Net;
using System.Text.Json;
using SessionService.Tests.Support;
using static SessionService.Tests.Support.WordPressCalls;

namespace SessionService.Tests.Http.Compat.WordPress;

/// <summary><c>POST /token/validate</c> of <c>compat/wordpress-jwt-auth.md</c> §3: every step's code and message, in order.</summary>
[Collection(WordPressNode.Collection)]
public sealed class WordPressValidateTests(WordPressNode node)
{
    private HttpClient Client => node.Client;

    [Fact]
    public async Task ValidToken_AnswersValidToken_WithEmptyData()
    {
        var (name, _) = await Client.NewUserAsync();
        var (token, _) = await Client.WordPressLoginAsync(name, "Phone");

        var response = await Client.WordPressAsync("/token/validate", authorization: "Bearer " + token);
        var json = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"success":true,"statusCode":200,"code":"jwt_auth_valid_token","message":"Token is valid","data":[]}""", json.GetRawText());
    }

    [Theory]
    [InlineData("  Bearer    TOKEN   trailing words")]
    [InlineData("BearerTOKEN")]
    [InlineData("Bearer\tTOKEN")]
    public async Task Header_IsTrimmedAndCollapsed_TheTokenIsTheFirstWord(string header)
    {
        var (name, _) = await Client.NewUserAsync();
        var (token, _) = await Client.WordPressLoginAsync(name);

        var response = await Client.WordPressAsync("/token/validate", authorization: header.Replace("TOKEN", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "jwt_auth_no_auth_header", "Authorization header not found.")]
    [InlineData("", "jwt_auth_no_auth_header", "Authorization header not found.")]
    [InlineData("bearer TOKEN", "jwt_auth_bad_auth_header", "Authorization header malformed.")]
    [InlineData("Basic TOKEN", "jwt_auth_bad_auth_header", "Authorization header malformed.")]
    [InlineData("Bearer", "jwt_auth_bad_auth_header", "Authorization header malformed.")]
    [InlineData("Bearer    ", "jwt_auth_bad_auth_header", "Authorization header malformed.")]
    public async Task Header_MissingOrMalformed(string? header, string code, string message)
    {
        var (name, _) = await Client.NewUserAsync();
        var (token, _) = await Client.WordPressLoginAsync(name);

        var response = await Client.WordPressAsync("/token/validate", authorization: header?.Replace("TOKEN", token));

        await AssertRefusedAsync(response, code, message);
    }

    [Theory]
    [InlineData("REFRESH", "Wrong number of segments")]
    [InlineData("a.b", "Wrong number of segments")]
    [InlineData("a.b.c.d", "Wrong number of segments")]
    [InlineData("bm90IGpzb24.CLAIMS.SIG", "Invalid header encoding")]
    [InlineData("!!!.CLAIMS.SIG", "Invalid header encoding")]
    [InlineData("HEADER.bm90IGpzb24.SIG", "Invalid claims encoding")]
    [InlineData("eyJ0eXAiOiJKV1QifQ.CLAIMS.SIG", "Empty algorithm")]
    [InlineData("eyJhbGciOiIiLCJ0eXAiOiJKV1QifQ.CLAIMS.SIG", "Empty algorithm")]
    [InlineData("eyJhbGciOiJYWDk5In0.CLAIMS.SIG", "Algorithm not supported")]
    [InlineData("eyJhbGciOiJub25lIn0.CLAIMS.SIG", "Algorithm not supported")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.CLAIMS.SIG", "Incorrect key for this algorithm")]
    [InlineData("HEADER.CLAIMS.AAAA", "Signature verification failed")]
    public async Task Decoding_Failures_AreInvalidToken_WithTheLibrarysMessage(string shape, string message)
    {
        var (name, _) = await Client.NewUserAsync();
        var (token, cookie) = await Client.WordPressLoginAsync(name);
        var parts = token.Split('.');
        var presented = shape.Replace("REFRESH", cookie).Replace("HEADER", parts[0]).Replace("CLAIMS", parts[1]).Replace("SIG", parts[2]);

        var response = await Client.WordPressAsync("/token/validate", authorization: "Bearer " + presented);

        await AssertRefusedAsync(response, "jwt_auth_invalid_token", message);
    }

    [Fact]
    public async Task Time_NotBeforeAndIssuedInTheFuture_AndExpiry_HaveNoLeeway()
    {
        var (name, id) = await Client.NewUserAsync();
        var (real, _) = await Client.WordPressLoginAsync(name);
        var claims = UserPatches.Payload(real);
        var now = node.Factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        string Forge(long iat, long nbf, long exp) => Forged(real, claims, new() { ["iat"] = iat, ["nbf"] = nbf, ["exp"] = exp });
        string Prior(long at) => "Cannot handle token prior to " + DateTimeOffset.FromUnixTimeSeconds(at).ToString("yyyy-MM-dd'T'HH:mm:ss") + "+0000";

        await AssertRefusedAsync(await ValidateAsync(Forge(now, now + 1, now + 600)), "jwt_auth_invalid_token", Prior(now + 1));
        await AssertRefusedAsync(await ValidateAsync(Forge(now + 1, now, now + 600)), "jwt_auth_invalid_token", Prior(now + 1));
        await AssertRefusedAsync(await ValidateAsync(Forge(now - 600, now - 600, now)), "jwt_auth_invalid_token", "Expired token");
        Assert.Equal(HttpStatusCode.OK, (await ValidateAsync(Forge(now, now, now + 1))).StatusCode);
        Assert.NotNull(id);
    }

    [Fact]
    public async Task Issuer_NotTheSite_IsBadIss_CheckedAfterTheDecoding()
    {
        var (name, _) = await Client.NewUserAsync();
        var (real, _) = await Client.WordPressLoginAsync(name);
        var claims = UserPatches.Payload(real);
        var now = node.Factory.Clock.GetUtcNow().ToUnixTimeSeconds();

        var otherSite = Forged(real, claims, new() { ["iss"] = "https://other.example.com" });
        var otherSiteExpired = Forged(real, claims, new() { ["iss"] = "https://other.example.com", ["exp"] = now });

        await AssertRefusedAsync(await ValidateAsync(otherSite), "jwt_auth_bad_iss", "The iss do not match with this server.");
        await AssertRefusedAsync(await ValidateAsync(otherSiteExpired), "jwt_auth_invalid_token", "Expired token");
    }

    [Fact]
    public async Task UserId_MissingFromTheToken_IsBadRequest()
    {
        var (name, _) = await Client.NewUserAsync();
        var ours = (await Client.LoginOkAsync(name)).Str("access_token");

        await AssertRefusedAsync(await ValidateAsync(ours), "jwt_auth_bad_request", "User ID not found in the token.");
    }

    [Fact]
    public async Task User_Deleted_IsInvalidToken_BeforeAnyObsoleteCheck()
    {
        var (name, id) = await Client.NewUserAsync();
        var (token, _) = await Client.WordPressLoginAsync(name);
        await Client.DeleteAsync($"/users/{id}", await Client.AdminTokenAsync());

        await AssertRefusedAsync(await ValidateAsync(token), "jwt_auth_invalid_token", "Invalid token");
    }

    [Fact]
    public async Task User_NumberOfSomeoneElse_IsInvalidToken()
    {
        var (name, _) = await Client.NewUserAsync();
        var (other, _) = await Client.NewUserAsync();
        var (real, _) = await Client.WordPressLoginAsync(name);
        var otherNumber = UserPatches.Payload((await Client.WordPressLoginAsync(other)).Token).GetProperty("data").GetProperty("user").GetProperty("id").GetInt64();
        var claims = UserPatches.Payload(real);

        var forged = Forged(real, claims, new() { ["data"] = new { user = new { id = otherNumber, device = "", pass = claims.GetProperty("data").GetProperty("user").Str("pass") } } });

        await AssertRefusedAsync(await ValidateAsync(forged), "jwt_auth_invalid_token", "Invalid token");
    }

    [Fact]
    public async Task Obsolete_WhenThePassStampDiffers()
    {
        var (name, _) = await Client.NewUserAsync();
        var (real, _) = await Client.WordPressLoginAsync(name);
        var claims = UserPatches.Payload(real);
        var user = claims.GetProperty("data").GetProperty("user");

        var forged = Forged(real, claims, new() { ["data"] = new { user = new { id = user.GetProperty("id").GetInt64(), device = "", pass = new string('0', 32) } } });

        await AssertRefusedAsync(await ValidateAsync(forged), "jwt_auth_obsolete_token", "Token is obsolete");
        Assert.Equal(HttpStatusCode.OK, (await ValidateAsync(real)).StatusCode);
    }

    [Fact]
    public async Task Obsolete_AfterThePasswordChanges()
    {
        var (name, _) = await Client.NewUserAsync();
        var (token, _) = await Client.WordPressLoginAsync(name, "Phone");
        var ours = (await Client.LoginOkAsync(name)).Str("access_token");

        var changed = await Client.PostAsync("/auth/password", new { current_password = ApiCalls.Password, new_password = "a-brand-new-password-7" }, ours);

        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());
        await AssertRefusedAsync(await ValidateAsync(token), "jwt_auth_obsolete_token", "Token is obsolete");
    }

    [Fact]
    public async Task Obsolete_WhenTheDeviceIsRevokedThroughOurSessionsApi()
    {
        var (name, _) = await Client.NewUserAsync();
        var (token, _) = await Client.WordPressLoginAsync(name, "Phone");
        var ours = (await Client.LoginOkAsync(name)).Str("access_token");

        var revoked = await Client.DeleteAsync("/auth/sessions/wp~Phone", ours);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await AssertRefusedAsync(await ValidateAsync(token), "jwt_auth_obsolete_token", "Token is obsolete");
    }

    private Task<HttpResponseMessage> ValidateAsync(string token) =>
        Client.WordPressAsync("/token/validate", authorization: "Bearer " + token);

    /// <summary>The real token's header and claims with some replaced, signed with the node's HS256 secret.</summary>
    private static string Forged(string real, JsonElement claims, Dictionary<string, object> changes)
    {
        var header = JsonSerializer.Deserialize<Dictionary<string, object>>(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(real.Split('.')[0]))!;
        var all = JsonSerializer.Deserialize<Dictionary<string, object>>(claims.GetRawText())!;
        foreach (var (name, value) in changes)
        {
            all[name] = value;
        }

        return SignHs256(WordPressNode.Secret, header, all);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string code, string message)
    {
        var envelope = await response.EnvelopeAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal((401, code, message), (envelope.Status, envelope.Code, envelope.Message));
        Assert.Equal(["success", "statusCode", "code", "message", "data"], envelope.Keys);
        Assert.Equal(0, envelope.Data?.GetArrayLength());
    }
}
