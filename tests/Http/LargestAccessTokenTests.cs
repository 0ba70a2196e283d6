using System.Net;
using SessionService.Grains.Claims;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>Every bound at its largest still makes an access token the verifier (8 KiB) and proxies (nginx: 8 KiB a header line) take.</summary>
[Collection(ApiCollection.Name)]
public sealed class LargestAccessTokenTests(ApiFixture fixture)
{
    /// <summary>How much longer an RSA-4096 signature is than the test node's ES256 one, in base64url.</summary>
    private const int LargerSignature = 683 - 86;

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task AUserWithEveryFieldAtItsLargest_GetsATokenUnder8KiB_ThatValidates()
    {
        var admin = await Client.AdminTokenAsync();
        var wide = new string('\u30A2', 128); // 3 bytes in UTF-8, 6 as a JSON escape
        var name = string.Concat(Enumerable.Repeat("\u30A2", 54)) + Guid.NewGuid().ToString("N")[..10];
        var roles = Enumerable.Range(0, 20).Select(i => $"{i:D2}" + new string('r', 62)).ToArray();
        var created = await Client.PostAsync("/users", new { username = name, password = ApiCalls.Password, roles }, admin);
        var id = (await created.JsonAsync()).Str("id");
        var claims = LargestClaims();

        var patched = await Client.PatchUserAsync(id, new
        {
            email = new string('e', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('d', 59), 3)) + ".example", // 252 characters
            display_name = wide,
            first_name = wide,
            last_name = wide,
            claims,
        }, admin);
        var token = (await Client.LoginOkAsync(name)).Str("access_token");

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.True(patched.StatusCode == HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.True(token.Length + LargerSignature <= 8192, $"the token has {token.Length} characters");
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(token)).StatusCode);
    }

    /// <summary>32 claims whose JSON object is as large as the rule allows.</summary>
    private static Dictionary<string, string> LargestClaims()
    {
        var claims = Enumerable.Range(0, CustomClaims.MaxClaims).ToDictionary(i => $"c{i:D2}", _ => "");
        var empty = CustomClaims.SerializedBytes(claims.Select(c => new KeyValuePair<string, System.Text.Json.JsonElement>(c.Key, System.Text.Json.JsonSerializer.SerializeToElement(c.Value))));
        claims["c00"] = new string('v', CustomClaims.MaxAccessTokenBytes - empty);
        return claims;
    }
}
