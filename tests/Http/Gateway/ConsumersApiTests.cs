using System.Net;
using System.Security.Cryptography;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Gateway;

[Collection(ApiCollection.Name)]
public sealed class ConsumersApiTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    private static string NewName() => "c-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task CreateConsumer_Is201InKongsShape_AndIsFoundByIdAndUsername()
    {
        var admin = await Client.AdminTokenAsync();
        var name = NewName();

        var created = await Client.PostAsync("/admin/consumers", new { username = name, custom_id = name + "-custom" }, admin);
        var json = await created.JsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(name, json.Str("username"));
        Assert.Equal(name + "-custom", json.Str("custom_id"));
        Assert.True(Guid.TryParse(json.Str("id"), out _));
        Assert.True(json.GetProperty("created_at").GetInt64() > 0);
        Assert.Equal(json.Str("id"), (await (await Client.GetAsync($"/admin/consumers/{name}", admin)).JsonAsync()).Str("id"));
        Assert.Equal(name, (await (await Client.GetAsync($"/admin/consumers/{json.Str("id")}", admin)).JsonAsync()).Str("username"));
    }

    [Fact]
    public async Task CreateConsumer_RefusesDuplicatesAndEmptyRequests()
    {
        var admin = await Client.AdminTokenAsync();
        var name = NewName();
        await Client.PostAsync("/admin/consumers", new { username = name }, admin);

        await (await Client.PostAsync("/admin/consumers", new { username = name }, admin)).AssertProblemAsync(HttpStatusCode.Conflict, "consumer_exists");
        await (await Client.PostAsync("/admin/consumers", new { }, admin)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        await (await Client.PostAsync("/admin/consumers", new { username = "" }, admin)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        await (await Client.PostAsync("/admin/consumers", new { username = 5 }, admin)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        await (await Client.PostAsync("/admin/consumers", new { username = "a\u202Eb" }, admin)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task ConsumerEndpoints_NeedAnAdmin()
    {
        var (user, _) = await Client.NewUserAsync();
        var userToken = (await Client.LoginOkAsync(user)).Str("access_token");

        await (await Client.GetAsync("/admin/consumers", null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_auth_header");
        await (await Client.GetAsync("/admin/consumers", userToken)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await Client.PostAsync("/admin/consumers/import", new { consumers = Array.Empty<object>() }, userToken)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task DeleteConsumer_Is204_ThenItIsGone()
    {
        var admin = await Client.AdminTokenAsync();
        var consumer = await Client.NewConsumerAsync(admin);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/admin/consumers/{consumer.Id}", admin)).StatusCode);

        await (await Client.GetAsync($"/admin/consumers/{consumer.Username}", admin)).AssertProblemAsync(HttpStatusCode.NotFound, "consumer_not_found");
        await (await Client.DeleteAsync($"/admin/consumers/{consumer.Username}", admin)).AssertProblemAsync(HttpStatusCode.NotFound, "consumer_not_found");
        await (await Client.GetAsync($"/admin/consumers/{consumer.Username}/jwt", admin)).AssertProblemAsync(HttpStatusCode.NotFound, "consumer_not_found");
    }

    [Fact]
    public async Task ListConsumers_PagesWithNextOffset_AndRefusesBadPaging()
    {
        var admin = await Client.AdminTokenAsync();
        await Client.NewConsumerAsync(admin);
        await Client.NewConsumerAsync(admin);

        var first = await (await Client.GetAsync("/admin/consumers?size=1", admin)).JsonAsync();
        var next = first.Str("next_offset");
        var second = await (await Client.GetAsync($"/admin/consumers?size=1&offset={next}", admin)).JsonAsync();

        Assert.Equal(1, first.GetProperty("data").GetArrayLength());
        Assert.NotEqual(first.GetProperty("data")[0].Str("id"), second.GetProperty("data")[0].Str("id"));
        await (await Client.GetAsync("/admin/consumers?size=0", admin)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        await (await Client.GetAsync("/admin/consumers?offset=-1", admin)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        await (await Client.GetAsync("/admin/consumers?size=abc", admin)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Hs256Credential_ShowsItsSecretOnce_AndIsListedWithoutIt()
    {
        var admin = await Client.AdminTokenAsync();
        var name = NewName();
        await Client.PostAsync("/admin/consumers", new { username = name }, admin);

        var created = await Client.PostAsync($"/admin/consumers/{name}/jwt", new { }, admin);
        var json = await created.JsonAsync();
        var listed = await (await Client.GetAsync($"/admin/consumers/{name}/jwt", admin)).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("HS256", json.Str("algorithm"));
        Assert.Equal(32, json.Str("key").Length);
        Assert.True(json.Str("secret").Length >= 32);
        Assert.Equal((await (await Client.GetAsync($"/admin/consumers/{name}", admin)).JsonAsync()).Str("id"), json.GetProperty("consumer").Str("id"));
        var item = Assert.Single(listed.GetProperty("data").EnumerateArray());
        Assert.Equal(json.Str("key"), item.Str("key"));
        Assert.False(item.TryGetProperty("secret", out _));
    }

    [Theory]
    [InlineData("HS256", 31, "weak_secret")]
    [InlineData("HS384", 47, "weak_secret")]
    [InlineData("HS512", 63, "weak_secret")]
    [InlineData("HS256", 32, null)]
    [InlineData("HS512", 64, null)]
    public async Task HsSecret_ShorterThanTheHash_IsWeak(string algorithm, int length, string? code)
    {
        var admin = await Client.AdminTokenAsync();
        var name = NewName();
        await Client.PostAsync("/admin/consumers", new { username = name }, admin);

        var response = await Client.PostAsync($"/admin/consumers/{name}/jwt", new { algorithm, secret = new string('s', length) }, admin);

        if (code is null)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        else
        {
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        }
    }

    [Fact]
    public async Task AsymmetricCredentials_NeedAFittingPublicKey()
    {
        var admin = await Client.AdminTokenAsync();
        var name = NewName();
        await Client.PostAsync("/admin/consumers", new { username = name }, admin);
        using var rsa1024 = RSA.Create(1024);
        using var rsa2048 = RSA.Create(2048);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        async Task<HttpResponseMessage> Add(string algorithm, string? pem) =>
            await Client.PostAsync($"/admin/consumers/{name}/jwt", new { algorithm, rsa_public_key = pem }, admin);

        await (await Add("RS256", rsa1024.ExportSubjectPublicKeyInfoPem())).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_key");
        await (await Add("PS256", rsa1024.ExportSubjectPublicKeyInfoPem())).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_key");
        await (await Add("ES256", null)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_key");
        await (await Add("ES256", p384.ExportSubjectPublicKeyInfoPem())).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_key");
        await (await Add("ES384", rsa2048.ExportSubjectPublicKeyInfoPem())).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_key");
        await (await Add("RS256", "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----")).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_key");
        await (await Add("none", null)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");

        var rs = await Add("RS256", rsa2048.ExportSubjectPublicKeyInfoPem());
        var es = await Add("ES384", p384.ExportSubjectPublicKeyInfoPem());
        Assert.Equal(HttpStatusCode.Created, rs.StatusCode);
        Assert.Equal(HttpStatusCode.Created, es.StatusCode);
        Assert.False((await rs.JsonAsync()).TryGetProperty("secret", out _));
        Assert.Contains("BEGIN PUBLIC KEY", (await rs.JsonAsync()).Str("rsa_public_key"));
    }

    [Fact]
    public async Task CredentialKey_IsUniqueOverAllConsumers_AndDeletedByKeyOrId()
    {
        var admin = await Client.AdminTokenAsync();
        var first = await Client.NewConsumerAsync(admin);
        var second = await Client.NewConsumerAsync(admin);

        var clash = await Client.PostAsync($"/admin/consumers/{second.Username}/jwt", new { key = first.Key }, admin);
        var own = await (await Client.PostAsync($"/admin/consumers/{second.Username}/jwt", new { key = NewName() }, admin)).JsonAsync();

        await clash.AssertProblemAsync(HttpStatusCode.Conflict, "credential_exists");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/admin/consumers/{first.Username}/jwt/{first.Key}", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/admin/consumers/{second.Id}/jwt/{own.Str("id")}", admin)).StatusCode);
        await (await Client.DeleteAsync($"/admin/consumers/{first.Username}/jwt/{first.Key}", admin)).AssertProblemAsync(HttpStatusCode.NotFound, "credential_not_found");
        await (await Client.DeleteAsync($"/admin/consumers/{second.Username}/jwt/{second.Key}x", admin)).AssertProblemAsync(HttpStatusCode.NotFound, "credential_not_found");
    }
}
