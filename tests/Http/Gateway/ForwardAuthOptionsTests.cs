using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Gateway;

/// <summary>The node the tests of <see cref="ForwardAuthOptionsTests"/> share.</summary>
public sealed class ForwardAuthOptionsNode() : SharedNode(new Dictionary<string, string?>
{
    ["Gateway:RunOnPreflight"] = "false",
    ["Gateway:AcceptAccessTokens"] = "true",
    ["Gateway:SecretIsBase64"] = "true",
});

/// <summary>Preflight, this service's own access tokens and base64 secrets at the gateway (no anonymous consumer).</summary>
public sealed class ForwardAuthOptionsTests(ForwardAuthOptionsNode fixture) : IClassFixture<ForwardAuthOptionsNode>
{
    private readonly OwnNode _node = fixture.Node;

    /// <summary>A client of this test's own (its own cookies), on the shared node.</summary>
    private HttpClient Client { get; } = fixture.Node.Factory.CreateClient();

    [Fact]
    public async Task OriginalPreflight_PassesWithoutAToken_OtherMethodsDoNot()
    {
        var preflight = await Client.ForwardAuthAsync(null, originalMethod: "OPTIONS");

        Assert.Equal(HttpStatusCode.OK, preflight.StatusCode);
        Assert.Null(preflight.Header("X-Consumer-ID"));
        await (await Client.ForwardAuthAsync(null, originalMethod: "GET")).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_token");
    }

    [Fact]
    public async Task OwnAccessToken_PassesWithTheUsersHeaders_UntilItsSessionIsRevoked()
    {
        var (name, id) = await Client.NewUserAsync(["reader", "writer"]);
        var login = await Client.LoginOkAsync(name);
        var token = login.Str("access_token");

        var allowed = await Client.ForwardAuthAsync(token);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(id, allowed.Header("X-User-Id"));
        Assert.Equal(name, allowed.Header("X-Username"));
        Assert.Equal("reader,writer", allowed.Header("X-User-Roles"));
        Assert.False(string.IsNullOrEmpty(allowed.Header("X-Session-Id")));
        Assert.Null(allowed.Header("X-Consumer-ID"));

        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync("/auth/logout", bearer: token)).StatusCode);

        await (await Client.ForwardAuthAsync(token)).AssertProblemAsync(HttpStatusCode.Unauthorized, "obsolete_token");
    }

    [Fact]
    public async Task ConsumerTokens_StillVerify_WhenAccessTokensAreAccepted()
    {
        var consumer = await Client.NewConsumerAsync(base64Secrets: true);

        var response = await Client.ForwardAuthAsync(consumer.Token(_node.Factory.Clock.GetUtcNow()));

        Assert.Equal(consumer.Id, response.Header("X-Consumer-ID"));
        Assert.Null(response.Header("X-User-Id"));
    }

    [Fact]
    public async Task Base64Secrets_AreUsedDecoded_AndMeasuredDecoded()
    {
        var admin = await Client.AdminTokenAsync();
        var name = "b64-" + Guid.NewGuid().ToString("N")[..8];
        await Client.PostAsync("/admin/consumers", new { username = name }, admin);
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var urlSafeUnpadded = Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var weak = await Client.PostAsync($"/admin/consumers/{name}/jwt", new { secret = Convert.ToBase64String(bytes[..31]) }, admin);
        var notBase64 = await Client.PostAsync($"/admin/consumers/{name}/jwt", new { secret = "not base64 at all!" + new string('x', 40) }, admin);
        var created = await (await Client.PostAsync($"/admin/consumers/{name}/jwt", new { secret = urlSafeUnpadded }, admin)).JsonAsync();
        var now = _node.Factory.Clock.GetUtcNow();
        var token = new TestConsumer("", name, created.Str("key"), bytes).Token(now);
        var signedWithTheText = new TestConsumer("", name, created.Str("key"), System.Text.Encoding.UTF8.GetBytes(urlSafeUnpadded)).Token(now);

        await weak.AssertProblemAsync(HttpStatusCode.BadRequest, "weak_secret");
        await notBase64.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(HttpStatusCode.OK, (await Client.ForwardAuthAsync(token)).StatusCode);
        await (await Client.ForwardAuthAsync(signedWithTheText)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_signature");
    }
}

/// <summary><c>Gateway:Anonymous</c>: made at start-up, and the identity of every request that fails.</summary>
public sealed class AnonymousConsumerTests : IAsyncLifetime
{
    private readonly OwnNode _node = new(new Dictionary<string, string?> { ["Gateway:Anonymous"] = "guest" });

    private HttpClient Client => _node.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task AnonymousConsumer_IsCreatedAtStart_AndFailedRequestsPassAsIt()
    {
        var admin = await Client.AdminTokenAsync();
        var guest = await (await Client.GetAsync("/admin/consumers/guest", admin)).JsonAsync();
        var consumer = await Client.NewConsumerAsync(admin);
        var expired = consumer.Token(_node.Factory.Clock.GetUtcNow().AddHours(-1));

        foreach (var response in new[] { await Client.ForwardAuthAsync(null), await Client.ForwardAuthAsync(expired), await Client.ForwardAuthAsync("not.a.token") })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(guest.Str("id"), response.Header("X-Consumer-ID"));
            Assert.Equal("guest", response.Header("X-Consumer-Username"));
            Assert.Equal("true", response.Header("X-Anonymous-Consumer"));
            Assert.Null(response.Header("X-Credential-Identifier"));
        }

        var valid = await Client.ForwardAuthAsync(consumer.Token(_node.Factory.Clock.GetUtcNow()));
        Assert.Equal(consumer.Id, valid.Header("X-Consumer-ID"));
        Assert.Null(valid.Header("X-Anonymous-Consumer"));
    }

    [Fact]
    public async Task DeletedAnonymousConsumer_IsMadeAgainOnTheNextFailure()
    {
        var admin = await Client.AdminTokenAsync();
        var before = await (await Client.GetAsync("/admin/consumers/guest", admin)).JsonAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/admin/consumers/guest", admin)).StatusCode);

        var response = await Client.ForwardAuthAsync(null);
        var after = await (await Client.GetAsync("/admin/consumers/guest", admin)).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(before.Str("id"), after.Str("id"));
        Assert.Equal(after.Str("id"), response.Header("X-Consumer-ID"));
    }
}
