using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Gateway;

/// <summary>Kong users move over with their decK file: the consumers, and tokens their partners already sign.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConsumerImportTests(ApiFixture fixture)
{
    private const string Secret = "e71829c351aa4242c2719cbfbe671c09";

    private HttpClient Client => fixture.Client;

    private DateTimeOffset Now => fixture.Factory.Clock.GetUtcNow();

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.TrimEnd().Split('\n').Select(line => new string(' ', spaces) + line));

    private static string DeckYaml(string suffix, string rsaPem, string hsSecret = Secret) => $$"""
        _format_version: "3.0"
        consumers:
        - custom_id: acme-{{suffix}}
          id: 0f0a1c5e-8f0a-4d1b-9d0e-2f7b1c7a9b11
          jwt_secrets:
          - algorithm: HS256
            key: acme-issuer-{{suffix}}
            secret: {{hsSecret}}
          tags:
          - billing
          username: acme-{{suffix}}
        - jwt_secrets:
          - algorithm: RS256
            key: "https://idp-{{suffix}}.example.com/"
            rsa_public_key: |
        {{Indent(rsaPem, 6)}}
            secret: kong-gives-every-credential-a-secret
          username: 'globex-{{suffix}}'
        - custom_id: "000-{{suffix}}"
        plugins:
        - name: jwt
          config:
            claims_to_verify:
            - exp
        """;

    private async Task<HttpResponseMessage> ImportAsync(string body, string mediaType, string? admin = null)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await Client.SendAsync(HttpMethod.Post, "/admin/consumers/import", bearer: admin ?? await Client.AdminTokenAsync(), content: content);
    }

    [Fact]
    public async Task DeckYaml_CreatesEveryConsumer_AndTheirPartnersTokensVerifyAsBefore()
    {
        var suffix = Suffix();
        using var rsa = RSA.Create(2048);

        var response = await ImportAsync(DeckYaml(suffix, rsa.ExportSubjectPublicKeyInfoPem()), "application/yaml");
        var json = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((3, 0), (json.GetProperty("created").GetInt32(), json.GetProperty("skipped").GetInt32()));
        var claims = new { iss = $"acme-issuer-{suffix}", exp = Now.ToUnixTimeSeconds() + 60, nbf = Now.ToUnixTimeSeconds() };
        var hsToken = RawJwt.Build(new { alg = "HS256", typ = "JWT" }, RawJwt.Encode(claims), RawJwt.Hs256(Encoding.UTF8.GetBytes(Secret)));
        var rsToken = RawJwt.Build(new { alg = "RS256", typ = "JWT" }, RawJwt.Encode(claims with { iss = $"https://idp-{suffix}.example.com/" }),
            data => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var hs = await Client.ForwardAuthAsync(hsToken);
        var rs = await Client.ForwardAuthAsync(rsToken);
        Assert.Equal((HttpStatusCode.OK, $"acme-{suffix}", $"acme-{suffix}"), (hs.StatusCode, hs.Header("X-Consumer-Username"), hs.Header("X-Consumer-Custom-ID")));
        Assert.Equal((HttpStatusCode.OK, $"globex-{suffix}"), (rs.StatusCode, rs.Header("X-Consumer-Username")));
        var consumers = await (await Client.GetAsync("/admin/consumers?size=1000", await Client.AdminTokenAsync())).JsonAsync();
        Assert.Contains(consumers.GetProperty("data").EnumerateArray(), c => c.GetProperty("custom_id").GetString() == $"000-{suffix}");
    }

    [Fact]
    public async Task ImportingTheSameFileAgain_SkipsEverything()
    {
        var suffix = Suffix();
        using var rsa = RSA.Create(2048);
        var yaml = DeckYaml(suffix, rsa.ExportSubjectPublicKeyInfoPem());
        await ImportAsync(yaml, "application/yaml");

        var again = await (await ImportAsync(yaml, "application/yaml")).JsonAsync();

        Assert.Equal((0, 3, 0, 2), (again.GetProperty("created").GetInt32(), again.GetProperty("skipped").GetInt32(),
            again.GetProperty("credentials_created").GetInt32(), again.GetProperty("credentials_skipped").GetInt32()));
    }

    [Fact]
    public async Task JsonFile_IsReadToo()
    {
        var suffix = Suffix();
        var body = $$"""{"_format_version":"3.0","consumers":[{"username":"json-{{suffix}}","jwt_secrets":[{"key":"json-key-{{suffix}}","algorithm":"HS256","secret":"{{Secret}}"}]}]}""";

        var response = await ImportAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/admin/consumers/json-{suffix}", await Client.AdminTokenAsync())).StatusCode);
    }

    [Fact]
    public async Task ABadEntry_CreatesNothing_AndNamesItsIndex()
    {
        var suffix = Suffix();
        using var rsa = RSA.Create(1024);
        var admin = await Client.AdminTokenAsync();

        var weakKey = await ImportAsync(DeckYaml(suffix, rsa.ExportSubjectPublicKeyInfoPem()), "application/yaml", admin);
        using var strong = RSA.Create(2048);
        var weakSecret = await ImportAsync(DeckYaml(suffix, strong.ExportSubjectPublicKeyInfoPem(), hsSecret: "short"), "application/yaml", admin);

        await weakKey.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_key");
        Assert.Equal(1, (await weakKey.JsonAsync()).GetProperty("index").GetInt32());
        await weakSecret.AssertProblemAsync(HttpStatusCode.BadRequest, "weak_secret");
        Assert.Equal(0, (await weakSecret.JsonAsync()).GetProperty("index").GetInt32());
        await (await Client.GetAsync($"/admin/consumers/acme-{suffix}", admin)).AssertProblemAsync(HttpStatusCode.NotFound, "consumer_not_found");
    }

    [Fact]
    public async Task AnEntryClashingWithTheDirectory_CreatesNothing_AndNamesItsIndex()
    {
        var admin = await Client.AdminTokenAsync();
        var existing = await Client.NewConsumerAsync(admin);
        var suffix = Suffix();
        var body = $$"""{"consumers":[{"username":"new-{{suffix}}"},{"username":"other-{{suffix}}","jwt_secrets":[{"key":"{{existing.Key}}","secret":"{{Secret}}"}]}]}""";

        var response = await ImportAsync(body, "application/json", admin);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "credential_exists");
        Assert.Equal(1, (await response.JsonAsync()).GetProperty("index").GetInt32());
        await (await Client.GetAsync($"/admin/consumers/new-{suffix}", admin)).AssertProblemAsync(HttpStatusCode.NotFound, "consumer_not_found");
    }

    [Theory]
    [InlineData("consumers: [", "application/yaml")]
    [InlineData("a: &a [*a, *a]\nconsumers: []", "application/yaml")]
    [InlineData("{\"consumers\": 5}", "application/json")]
    [InlineData("{\"consumers\": [{\"username\": \"a\u202Eb\"}]}", "application/json")]
    public async Task MalformedFiles_Are400(string body, string mediaType)
    {
        await (await ImportAsync(body, mediaType)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task OtherMediaTypes_Are415()
    {
        await (await ImportAsync("consumers: []", "text/plain")).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }
}
