using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Gateway;

/// <summary>An echo upstream and a node that proxies <c>/orders</c> to it, shared by the tests of <see cref="GatewayProxyTests"/> (each looks only for its own requests).</summary>
public sealed class GatewayProxyNode : IAsyncLifetime
{
    public EchoUpstream Upstream { get; private set; } = null!;

    public OwnNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Upstream = await EchoUpstream.StartAsync();
        Node = new OwnNode(new Dictionary<string, string?>
        {
            ["Gateway:Routes:0:Path"] = "/orders/{**rest}",
            ["Gateway:Routes:0:Upstream"] = $"http://127.0.0.1:{Upstream.Port}",
        });
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}

/// <summary>The built-in proxy (<c>Gateway:Routes</c>) in front of a real upstream on a loopback port.</summary>
public sealed class GatewayProxyTests(GatewayProxyNode fixture) : IClassFixture<GatewayProxyNode>
{
    private readonly EchoUpstream _upstream = fixture.Upstream;
    private readonly OwnNode _node = fixture.Node;

    /// <summary>A client of this test's own (its own cookies), on the shared node.</summary>
    private HttpClient Client { get; } = fixture.Node.Factory.CreateClient();

    private DateTimeOffset Now => _node.Factory.Clock.GetUtcNow();

    [Fact]
    public async Task VerifiedRequest_ReachesTheUpstream_WithPathQueryAndIdentityHeaders()
    {
        var consumer = await Client.NewConsumerAsync();

        var response = await Client.SendAsync(HttpMethod.Post, "/orders/7/items?page=2", new { quantity = 3 }, consumer.Token(Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("echo", await response.Content.ReadAsStringAsync());
        var received = Assert.Single(_upstream.Received, r => r.Values("X-Consumer-ID").Contains(consumer.Id));
        Assert.Equal(("POST", "/orders/7/items?page=2"), (received.Method, received.PathAndQuery));
        Assert.Equal([consumer.Username], received.Values("X-Consumer-Username"));
        Assert.Equal([consumer.Key], received.Values("X-Credential-Identifier"));
        Assert.Contains("quantity", received.Body);
    }

    [Fact]
    public async Task TokenInTheQuery_IsFoundToo()
    {
        var consumer = await Client.NewConsumerAsync();

        var response = await Client.GetAsync($"/orders/1?jwt={consumer.Token(Now)}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RefusedRequest_AnswersTheGatewayError_AndNeverReachesTheUpstream()
    {
        var consumer = await Client.NewConsumerAsync();
        var marker = Guid.NewGuid().ToString("N");
        var expired = consumer.Token(Now.AddHours(-1));

        var none = await Client.GetAsync($"/orders/{marker}", null);
        var late = await Client.GetAsync($"/orders/{marker}", expired);
        var preflight = await Client.SendAsync(HttpMethod.Options, $"/orders/{marker}");

        await none.AssertProblemAsync(HttpStatusCode.Unauthorized, "no_token");
        await late.AssertProblemAsync(HttpStatusCode.Unauthorized, "expired_token");
        await preflight.AssertProblemAsync(HttpStatusCode.Unauthorized, "no_token");
        Assert.DoesNotContain(_upstream.Received, r => r.PathAndQuery.Contains(marker));
    }

    [Fact]
    public async Task ClientSentIdentityHeaders_AreRemovedBeforeTheUpstream()
    {
        var consumer = await Client.NewConsumerAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders/forged");
        request.Headers.Add("Authorization", "Bearer " + consumer.Token(Now));
        request.Headers.Add("X-Consumer-ID", "forged");
        request.Headers.Add("X-Consumer-Custom-ID", "forged");
        request.Headers.Add("X-Anonymous-Consumer", "true");
        request.Headers.Add("X-User-Id", "forged");
        request.Headers.Add("X-User-Roles", "admin");
        request.Headers.Add("X-Route-Token-Id", "forged");

        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(request)).StatusCode);

        var received = Assert.Single(_upstream.Received, r => r.PathAndQuery == "/orders/forged");
        Assert.Equal([consumer.Id], received.Values("X-Consumer-ID"));
        foreach (var stripped in new[] { "X-Consumer-Custom-ID", "X-Anonymous-Consumer", "X-User-Id", "X-User-Roles", "X-Route-Token-Id" })
        {
            Assert.Empty(received.Values(stripped));
        }
    }

    [Fact]
    public async Task ConsumerNamesBeyondAscii_ReachTheUpstreamAsUtf8()
    {
        var consumer = await Client.NewConsumerAsync(username: "Zoë-" + Guid.NewGuid().ToString("N")[..6]);

        var response = await Client.GetAsync("/orders/unicode", consumer.Token(Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(_upstream.Received, r => r.PathAndQuery == "/orders/unicode");
        Assert.Equal([consumer.Username], received.Values("X-Consumer-Username"));
    }
}
