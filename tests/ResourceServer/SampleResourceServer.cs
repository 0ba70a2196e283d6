using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SessionService.AspNetCore;

namespace SessionService.Tests.ResourceServer;

/// <summary>
/// A user's web API as the README shows it: one protected endpoint behind <c>AddSessionTokens</c>,
/// in memory. A test may give it a fake clock (the follower's TimeProvider).
/// </summary>
public sealed class SampleResourceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private SampleResourceServer(WebApplication app)
    {
        _app = app;
        _client = app.GetTestClient();
    }

    public RevocationFeedState Feed => _app.Services.GetRequiredService<RevocationFeedState>();

    /// <param name="configure">The app's own settings, as in production.</param>
    /// <param name="clock">The follower's clock, when the test drives time.</param>
    /// <param name="testServices">What a user's test changes after the app's own registrations (the README's fixture pattern).</param>
    public static async Task<SampleResourceServer> StartAsync(
        Action<SessionTokensOptions> configure, TimeProvider? clock = null, Action<IServiceCollection>? testServices = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddAuthentication().AddSessionTokens(configure);
        builder.Services.AddAuthorization();
        testServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/orders", (ClaimsPrincipal user) => user.FindFirst("sub")!.Value).RequireAuthorization();
        await app.StartAsync();
        return new SampleResourceServer(app);
    }

    /// <summary>Calls the protected endpoint with a bearer token.</summary>
    public Task<HttpResponseMessage> GetOrdersAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/orders");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _client.SendAsync(request);
    }

    /// <summary>Waits (real time, bounded) until the follower is caught up and live.</summary>
    public async Task WaitUntilLiveAsync(TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!Feed.IsLive)
        {
            Assert.True(DateTime.UtcNow < deadline, "the revocation follower did not catch up");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits (real time, bounded) until the follower has noticed the stream is gone.</summary>
    public async Task WaitUntilDownAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Feed.IsLive)
        {
            Assert.True(DateTime.UtcNow < deadline, "the revocation follower did not notice the stream was lost");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
