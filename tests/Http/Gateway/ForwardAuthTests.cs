using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Gateway;

/// <summary><c>/gateway/verify</c> with the default options, as nginx calls it.</summary>
[Collection(ApiCollection.Name)]
public sealed class ForwardAuthTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    private DateTimeOffset Now => fixture.Factory.Clock.GetUtcNow();

    [Fact]
    public async Task ValidConsumerToken_Is200WithTheIdentityHeaders_AndNoBody()
    {
        var consumer = await Client.NewConsumerAsync();

        var response = await Client.ForwardAuthAsync(consumer.Token(Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(consumer.Id, response.Header("X-Consumer-ID"));
        Assert.Equal(consumer.Username, response.Header("X-Consumer-Username"));
        Assert.Equal(consumer.Key, response.Header("X-Credential-Identifier"));
        Assert.Null(response.Header("X-Consumer-Custom-ID"));
        Assert.Null(response.Header("X-Anonymous-Consumer"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task TokenInTheOriginalUrisQuery_IsFound_AlsoThroughXForwardedUri()
    {
        var consumer = await Client.NewConsumerAsync();
        var token = consumer.Token(Now);

        var original = await Client.ForwardAuthAsync(null, $"/orders/1?x=1&jwt={token}");
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/gateway/verify");
        forwarded.Headers.Add("X-Forwarded-Uri", $"/orders?jwt={token}");
        forwarded.Headers.Add("X-Forwarded-Method", "POST");
        forwarded.Headers.Add("X-Forwarded-Prefix", "/ignored?jwt=other");

        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(forwarded)).StatusCode);
    }

    [Fact]
    public async Task Refusals_Are401ProblemsWithKongsWordingInDetailAndMessage_AndABearerChallenge()
    {
        var response = await Client.ForwardAuthAsync(null);
        var json = await response.JsonAsync();

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "no_token");
        Assert.Equal(json.Str("detail"), json.Str("message"));
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task DifferingTokensInQueryAndHeader_AreMultipleTokens_TheSameTokenTwiceIsOne()
    {
        var consumer = await Client.NewConsumerAsync();
        var token = consumer.Token(Now);
        var other = consumer.Token(Now.AddSeconds(1));

        await (await Client.ForwardAuthAsync(token, $"/o?jwt={other}")).AssertProblemAsync(HttpStatusCode.Unauthorized, "multiple_tokens");
        Assert.Equal(HttpStatusCode.OK, (await Client.ForwardAuthAsync(token, $"/o?jwt={token}")).StatusCode);
    }

    [Fact]
    public async Task DeletedCredentialOrConsumer_StopsVerifyingAtOnce()
    {
        var admin = await Client.AdminTokenAsync();
        var first = await Client.NewConsumerAsync(admin);
        var second = await Client.NewConsumerAsync(admin);
        var firstToken = first.Token(Now);
        var secondToken = second.Token(Now);
        Assert.Equal(HttpStatusCode.OK, (await Client.ForwardAuthAsync(firstToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.ForwardAuthAsync(secondToken)).StatusCode);

        await Client.DeleteAsync($"/admin/consumers/{first.Username}/jwt/{first.Key}", admin);
        await Client.DeleteAsync($"/admin/consumers/{second.Id}", admin);

        await (await Client.ForwardAuthAsync(firstToken)).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_credentials");
        await (await Client.ForwardAuthAsync(secondToken)).AssertProblemAsync(HttpStatusCode.Unauthorized, "no_credentials");
    }

    [Fact]
    public async Task ExpiryIsJudgedOnEveryRequest_EvenForATokenVerifiedBefore()
    {
        var consumer = await Client.NewConsumerAsync();
        var exp = Now.ToUnixTimeSeconds() + 30;
        var token = consumer.Token(Now, new { iss = consumer.Key, exp, nbf = Now.ToUnixTimeSeconds() });
        Assert.Equal(HttpStatusCode.OK, (await Client.ForwardAuthAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.ForwardAuthAsync(token)).StatusCode);

        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(31));

        await (await Client.ForwardAuthAsync(token)).AssertProblemAsync(HttpStatusCode.Unauthorized, "expired_token");
    }

    [Fact]
    public async Task ClientSentIdentityHeaders_NeverComeBackAsIdentity()
    {
        var consumer = await Client.NewConsumerAsync();

        var response = await Client.ForwardAuthAsync(consumer.Token(Now), headers: [("X-Consumer-ID", "forged"), ("X-Anonymous-Consumer", "true")]);

        Assert.Equal(consumer.Id, response.Header("X-Consumer-ID"));
        Assert.Null(response.Header("X-Anonymous-Consumer"));
    }
}
