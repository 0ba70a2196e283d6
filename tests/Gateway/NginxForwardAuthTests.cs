using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SessionService.Tests.Support;

namespace SessionService.Tests.Gateway;

/// <summary>
/// Real nginx running the shipped deploy/nginx.conf (addresses aside) in front of a node and an echo
/// upstream: nginx's auth_request asks /gateway/verify, and the upstream sees exactly the identity the
/// node answered, never one a client sent.
/// </summary>
public sealed class NginxForwardAuthTests(NginxForwardAuthTests.DefaultGateway fixture)
    : IClassFixture<NginxForwardAuthTests.DefaultGateway>
{
    /// <summary>Every header the service sets, so one added there and not to deploy/nginx.conf fails here.</summary>
    private static readonly IReadOnlyList<string> IdentityHeaders = SessionService.Api.Gateway.IdentityHeaders.All;

    /// <summary>Read as X-Consumer-ID by APIs that see headers CGI-style (HTTP_X_CONSUMER_ID).</summary>
    private const string CgiAlias = "X_Consumer_ID";

    private NginxGateway Gateway => fixture.Gateway!;

    [Fact]
    public async Task ConsumerToken_ReachesTheUpstream_WithTheIdentityTheAdminApiReported_AndNoForgedHeader()
    {
        var consumer = await Consumer.CreateAsync(Gateway.Node);
        Gateway.Upstream.Clear();
        using var request = Forged(HttpMethod.Post, "/api/orders/7?expand=lines", consumer.Token());
        request.Content = new StringContent("{\"qty\":2}", Encoding.UTF8, "application/json");

        var response = await Gateway.Client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await Diagnose(response));
        var received = Assert.Single(Gateway.Upstream.Received);
        Assert.Equal(("POST", "/api/orders/7?expand=lines", "{\"qty\":2}"), (received.Method, received.PathAndQuery, received.Body));
        // The headers the node did not answer arrive empty, which nginx does not send, so none is the client's.
        AssertIdentity(received, new()
        {
            ["X-Consumer-ID"] = consumer.Id,
            ["X-Consumer-Username"] = consumer.Username,
            ["X-Consumer-Custom-ID"] = consumer.CustomId,
            ["X-Credential-Identifier"] = consumer.Key,
        });
    }

    [Fact]
    public async Task TokenInTheQuery_IsFound_ThroughTheOriginalUri()
    {
        var consumer = await Consumer.CreateAsync(Gateway.Node);
        Gateway.Upstream.Clear();

        var response = await Gateway.Client.GetAsync($"/api/reports?jwt={consumer.Token()}");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await Diagnose(response));
        Assert.Equal([consumer.Id], Assert.Single(Gateway.Upstream.Received).Values("X-Consumer-ID"));
    }

    [Fact]
    public async Task NoToken_Is401WithTheProblem_AndNeverReachesTheUpstream()
    {
        Gateway.Upstream.Clear();
        using var request = Forged(HttpMethod.Post, "/api/orders", bearer: null);
        request.Content = new StringContent("{}");

        var response = await Gateway.Client.SendAsync(request);

        await AssertRefusedAsync(response, "no_token");
    }

    [Fact]
    public async Task BadSignature_Is401WithTheProblem_AndNeverReachesTheUpstream()
    {
        var consumer = await Consumer.CreateAsync(Gateway.Node);
        Gateway.Upstream.Clear();
        var token = consumer.Token();
        var forgedSignature = token[..token.LastIndexOf('.')] + "." + RawJwt.Encode("not the signature");
        using var request = Forged(HttpMethod.Get, "/api/orders", forgedSignature);

        var response = await Gateway.Client.SendAsync(request);

        await AssertRefusedAsync(response, "invalid_signature");
    }

    [Fact]
    public async Task Anonymous_PassesAsTheAnonymousConsumer_NeverAsAForgedOne()
    {
        await using var gateway = await NginxGateway.StartAsync(new Dictionary<string, string> { ["Gateway__Anonymous"] = "anonymous-visitor" });
        var admin = await gateway.Node.AdminTokenAsync();
        var anonymous = await (await gateway.Node.GetAsync("/admin/consumers/anonymous-visitor", admin)).JsonAsync();
        using var request = Forged(HttpMethod.Get, "/api/catalog", bearer: null);

        var response = await gateway.Client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await Diagnose(response, gateway));
        var received = Assert.Single(gateway.Upstream.Received);
        AssertIdentity(received, new()
        {
            ["X-Consumer-ID"] = anonymous.Str("id"),
            ["X-Consumer-Username"] = "anonymous-visitor",
            ["X-Anonymous-Consumer"] = "true",
        });
    }

    [Fact]
    public async Task AccessToken_PassesWithTheUserHeaders_AndNoForgedHeader()
    {
        await using var gateway = await NginxGateway.StartAsync(new Dictionary<string, string> { ["Gateway__AcceptAccessTokens"] = "true" });
        var admin = await gateway.Node.AdminTokenAsync();
        var identity = await (await gateway.Node.ValidateAsync(admin)).JsonAsync();
        using var request = Forged(HttpMethod.Get, "/api/catalog", admin);

        var response = await gateway.Client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await Diagnose(response, gateway));
        var received = Assert.Single(gateway.Upstream.Received);
        AssertIdentity(received, new()
        {
            ["X-User-Id"] = identity.Str("sub"),
            ["X-Session-Id"] = identity.Str("sid"),
            ["X-Username"] = ApiFactory.AdminUser,
            ["X-User-Roles"] = "admin",
        });
    }

    [Fact]
    public async Task Preflight_PassesWithoutIdentity_WhenRunOnPreflightIsOff_AsTheOriginalMethodTells()
    {
        await using var gateway = await NginxGateway.StartAsync(new Dictionary<string, string> { ["Gateway__RunOnPreflight"] = "false" });
        using var preflight = Forged(HttpMethod.Options, "/api/catalog", bearer: null);
        using var get = Forged(HttpMethod.Get, "/api/catalog", bearer: null);

        var passed = await gateway.Client.SendAsync(preflight);
        var refused = await gateway.Client.SendAsync(get);

        // nginx's subrequest is always a GET: only X-Original-Method tells the node it was OPTIONS.
        Assert.True(passed.StatusCode == HttpStatusCode.OK, await Diagnose(passed, gateway));
        var received = Assert.Single(gateway.Upstream.Received);
        Assert.Equal("OPTIONS", received.Method);
        AssertIdentity(received, []);
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "no_token");
    }

    /// <summary>A request carrying a forged value for every identity header.</summary>
    private static HttpRequestMessage Forged(HttpMethod method, string path, string? bearer)
    {
        var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        foreach (var name in IdentityHeaders)
        {
            request.Headers.Add(name, "forged");
        }

        request.Headers.Add(CgiAlias, "forged");
        return request;
    }

    /// <summary>Each identity header arrives once with the expected value, or not at all; none as the client forged it.</summary>
    private static void AssertIdentity(ReceivedRequest received, Dictionary<string, string> expected)
    {
        foreach (var name in IdentityHeaders)
        {
            string[] wanted = expected.TryGetValue(name, out var value) ? [value] : [];
            Assert.True(wanted.SequenceEqual(received.Values(name)), $"{name}: [{string.Join(", ", received.Values(name))}], expected [{value}]");
        }

        Assert.Empty(received.Values(CgiAlias));
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, string code)
    {
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, code);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(Gateway.Upstream.Received);
    }

    private async Task<string> Diagnose(HttpResponseMessage response, NginxGateway? gateway = null) =>
        $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\nnginx:\n{(gateway ?? Gateway).Nginx.Log}";

    /// <summary>A consumer with one HS256 credential, made with the admin API; signs its own tokens.</summary>
    private sealed record Consumer(string Id, string Username, string CustomId, string Key, byte[] Secret)
    {
        public static async Task<Consumer> CreateAsync(HttpClient node)
        {
            var admin = await node.AdminTokenAsync();
            var suffix = Guid.NewGuid().ToString("N")[..10];
            var created = await node.PostAsync("/admin/consumers", new { username = "partner-" + suffix, custom_id = "crm-" + suffix }, admin);
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            var consumer = await created.JsonAsync();
            var secret = "nginx-test-secret-" + Guid.NewGuid().ToString("N");
            var credential = await node.PostAsync($"/admin/consumers/{consumer.Str("id")}/jwt", new { algorithm = "HS256", secret }, admin);
            Assert.True(credential.StatusCode == HttpStatusCode.Created, await credential.Content.ReadAsStringAsync());
            return new Consumer(
                consumer.Str("id"), consumer.Str("username"), consumer.Str("custom_id"),
                (await credential.JsonAsync()).Str("key"), Encoding.UTF8.GetBytes(secret));
        }

        public string Token()
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            return RawJwt.Build(
                new { alg = "HS256", typ = "JWT" },
                RawJwt.Encode(new { iss = Key, exp = now + 600, nbf = now - 5 }),
                RawJwt.Hs256(Secret));
        }
    }

    /// <summary>The gateway with the node's default Gateway settings, shared by the tests of this class.</summary>
    public sealed class DefaultGateway : IAsyncLifetime
    {
        public NginxGateway? Gateway { get; private set; }

        public async Task InitializeAsync() => Gateway = await NginxGateway.StartAsync();

        public async Task DisposeAsync()
        {
            if (Gateway is not null)
            {
                await Gateway.DisposeAsync();
            }
        }
    }
}
