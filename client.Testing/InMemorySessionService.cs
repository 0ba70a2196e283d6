using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using SessionService.Api;
using SessionService.AspNetCore;
using SessionService.Grains;
using SessionService.Silo;

namespace SessionService.Testing;

/// <summary>
/// The whole session service in this process for integration tests: the real API (its endpoints, token
/// issuing, revocation feed) over an Orleans in-process test cluster of one silo with in-memory storage, a
/// fake session clock, and no server, database or port: requests go through <see cref="CreateHandler"/>.
/// Start one per test class (<c>IClassFixture</c>); state lives only as long as the instance.
/// </summary>
public sealed class InMemorySessionService : IAsyncDisposable
{
    /// <summary>The password of every user made by <see cref="CreateUserAsync"/> unless one is given.</summary>
    public const string DefaultPassword = "correct-horse-battery-9";

    /// <summary>PBKDF2 iterations here: far below production, so logins in tests are fast.</summary>
    private const int PasswordIterations = 1000;

    private readonly InProcessTestCluster _cluster;
    private readonly WebApplication _api;
    private readonly HttpClient _client;

    private InMemorySessionService(InProcessTestCluster cluster, WebApplication api, FakeTimeProvider clock, InMemorySessionServiceOptions options, string adminPassword)
    {
        _cluster = cluster;
        _api = api;
        Clock = clock;
        Options = options;
        AdminPassword = adminPassword;
        var server = api.GetTestServer();
        server.BaseAddress = options.BaseAddress;
        _client = server.CreateClient();
    }

    /// <summary>The service's clock: advance it to expire tokens or sessions.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The settings it started with.</summary>
    public InMemorySessionServiceOptions Options { get; }

    /// <summary>The base URL, issuer and discovery root: a resource server's <c>Authority</c>.</summary>
    public string Authority => Options.BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>The administrator the service was started with.</summary>
    public string AdminUsername => "test-admin";

    /// <summary>The administrator's password (random per instance).</summary>
    public string AdminPassword { get; }

    /// <summary>The running API's services (grain factory, options), for what the HTTP surface does not offer.</summary>
    public IServiceProvider Services => _api.Services;

    /// <summary>Starts the silo and the API and waits until the API is ready.</summary>
    public static async Task<InMemorySessionService> StartAsync(Action<InMemorySessionServiceOptions>? configure = null)
    {
        var options = new InMemorySessionServiceOptions();
        configure?.Invoke(options);
        var clock = new FakeTimeProvider(options.Start);
        var adminPassword = "Adm1n-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var settings = Settings(options, adminPassword);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var cluster = StartCluster(configuration, clock);
        await cluster.DeployAsync();
        try
        {
            var api = BuildApi(settings, cluster.Client, clock);
            await api.StartAsync();
            var service = new InMemorySessionService(cluster, api, clock, options, adminPassword);
            await service.WaitUntilReadyAsync();
            return service;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A handler that sends requests straight into the API; give it to SessionService.AspNetCore or an HttpClient.</summary>
    public HttpMessageHandler CreateHandler() => _api.GetTestServer().CreateHandler();

    /// <summary>An HttpClient for the API, with <see cref="InMemorySessionServiceOptions.BaseAddress"/> set.</summary>
    public HttpClient CreateClient() => _api.GetTestServer().CreateClient();

    /// <summary>
    /// Points <c>AddSessionTokens</c> at this service: Authority, audience, the in-memory handler, and a
    /// service token with the <c>revocations:read</c> scope fetched on every connection.
    /// </summary>
    public void Configure(SessionTokensOptions options)
    {
        options.Authority = Authority;
        options.Audience = Options.Audience;
        options.BackchannelHttpHandler = CreateHandler();
        options.ServiceTokenProvider = async (_, cancellationToken) => await CreateServiceTokenAsync("revocations:read", cancellationToken: cancellationToken);
    }

    /// <summary>Creates a user (as the administrator).</summary>
    public async Task<TestUser> CreateUserAsync(string? username = null, string password = DefaultPassword, string[]? roles = null, CancellationToken cancellationToken = default)
    {
        username ??= "user-" + Guid.NewGuid().ToString("N")[..12];
        var created = await SendAsync(HttpMethod.Post, "/users", new { username, password, roles }, await AdminTokenAsync(cancellationToken), cancellationToken);
        return new TestUser(created.GetProperty("id").GetString()!, username, password);
    }

    /// <summary>Logs a user in on a device (a new device session) and answers its tokens.</summary>
    public async Task<TestTokens> LoginAsync(TestUser user, string device = "test-device", CancellationToken cancellationToken = default)
    {
        var tokens = await SendAsync(HttpMethod.Post, "/auth/token", new { username = user.Username, password = user.Password, device }, null, cancellationToken);
        return new TestTokens(tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("refresh_token").GetString()!, device);
    }

    /// <summary>Rotates a refresh token, as a client's refresh does.</summary>
    public async Task<TestTokens> RefreshAsync(TestTokens tokens, CancellationToken cancellationToken = default)
    {
        var next = await SendAsync(HttpMethod.Post, "/auth/refresh", new { refresh_token = tokens.RefreshToken }, null, cancellationToken);
        return new TestTokens(next.GetProperty("access_token").GetString()!, next.GetProperty("refresh_token").GetString()!, tokens.Device);
    }

    /// <summary>Logs the session out: its tokens are revoked everywhere.</summary>
    public Task LogoutAsync(TestTokens tokens, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/auth/logout", null, tokens.AccessToken, cancellationToken);

    /// <summary>Revokes one device of a user, from another of its sessions (as a "sign out that device" button does).</summary>
    public Task RevokeDeviceAsync(TestTokens from, string device, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "/auth/sessions/" + Uri.EscapeDataString(device), null, from.AccessToken, cancellationToken);

    /// <summary>Disables a user (as the administrator): every token of theirs is refused.</summary>
    public async Task DisableUserAsync(TestUser user, CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Post, $"/users/{Uri.EscapeDataString(user.Id)}/disable", null, await AdminTokenAsync(cancellationToken), cancellationToken);

    /// <summary>An admin-issued service token with <paramref name="scope"/> (space-separated) and/or for an audience.</summary>
    public async Task<string> CreateServiceTokenAsync(string? scope, string? audience = null, string subject = "test-resource-server", CancellationToken cancellationToken = default)
    {
        var body = new Dictionary<string, object> { ["sub"] = subject, ["expires_in"] = 3600 };
        if (scope is not null)
        {
            body["scope"] = scope;
        }

        if (audience is not null)
        {
            body["aud"] = audience;
        }

        var issued = await SendAsync(HttpMethod.Post, "/admin/tokens", body, await AdminTokenAsync(cancellationToken), cancellationToken);
        return issued.GetProperty("token").GetString()!;
    }

    /// <summary>An access token of the administrator.</summary>
    public async Task<string> AdminTokenAsync(CancellationToken cancellationToken = default)
    {
        var tokens = await SendAsync(HttpMethod.Post, "/auth/token", new { username = AdminUsername, password = AdminPassword }, null, cancellationToken);
        return tokens.GetProperty("access_token").GetString()!;
    }

    /// <summary>Stops the API and the silo; everything they held is gone.</summary>
    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _api.StopAsync();
        await _api.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, string? bearer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await _client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await _client.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The in-memory session service did not become ready within 30 s.");
            }

            await Task.Delay(20);
        }
    }

    private static Dictionary<string, string?> Settings(InMemorySessionServiceOptions options, string adminPassword)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = options.BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/'),
            ["Auth:Audience"] = options.Audience,
            // A secret in memory, so no key file is written anywhere.
            ["Auth:KeyEncryptionSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Auth:FailedLoginMinimumDuration"] = "00:00:00",
            ["Admin:Username"] = "test-admin",
            ["Admin:Password"] = adminPassword,
            ["RateLimit:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static InProcessTestCluster StartCluster(IConfiguration configuration, FakeTimeProvider clock)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Sessions);
            silo.AddOutboxSweepOnStart();
            silo.Services.AddSessionGrainServices(configuration);
            silo.Services.AddKeyedSingleton<TimeProvider>(SessionClock.Key, clock);
            silo.Services.PostConfigure<PasswordHasherOptions>(o => o.IterationCount = PasswordIterations);
        });
        return builder.Build();
    }

    private static WebApplication BuildApi(Dictionary<string, string?> settings, IGrainFactory grains, FakeTimeProvider clock)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSessionApi();
        // The API is an Orleans client of the test cluster: the same grain factory its own client uses.
        builder.Services.AddSingleton(grains);
        builder.Services.AddKeyedSingleton<TimeProvider>(SessionClock.Key, clock);
        builder.Services.PostConfigure<PasswordHasherOptions>(o => o.IterationCount = PasswordIterations);
        var app = builder.Build();
        app.UseSessionApi();
        return app;
    }
}
