using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>/oauth/token counts against the same per-client limit as /auth/token and /auth/refresh; a node whose issuer is no URL says so at start.</summary>
public sealed class OAuthRateLimitTests : IAsyncLifetime
{
    private readonly OwnNode _node = new(new Dictionary<string, string?>
    {
        ["RateLimit:Enabled"] = "true",
        ["RateLimit:PermitLimit"] = "3",
        ["RateLimit:Window"] = "00:10:00",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _node.DisposeAsync().AsTask();

    [Fact]
    public async Task TokenEndpoint_SharesTheTokenEndpointsLimit_AndAnswers429TemporarilyUnavailableWithRetryAfter()
    {
        var client = _node.Client;
        var form = new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "nobody", ["password"] = "wrong-password-1" };

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("nobody", "wrong-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RefreshAsync("not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/oauth/token", new FormUrlEncodedContent(form))).StatusCode);
        var limited = await client.PostAsync("/oauth/token", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("temporarily_unavailable", (await limited.JsonAsync()).Str("error"));
        Assert.Equal("rate_limited", (await limited.JsonAsync()).Str("code"));
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public void StartUp_WarnsThatAnIssuerThatIsNoBaseUrlFailsStrictDiscovery()
    {
        _ = _node.Client;

        Assert.Contains(_node.Factory.Logs.Lines, line => line.StartsWith("Warning") && line.Contains("Auth:Issuer is 'session-service', not an absolute http(s) URL"));
    }
}
