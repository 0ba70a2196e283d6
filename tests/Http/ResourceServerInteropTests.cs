using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>Our node and a downstream API in front of it, shared by the tests of <see cref="ResourceServerInteropTests"/> (each uses its own users and tokens).</summary>
public sealed class DownstreamApi : IAsyncLifetime
{
    private WebApplication _resourceServer = null!;

    public InteropNode Node { get; } = new();

    public HttpClient Resource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Node.InitializeAsync();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MetadataAddress = "http://localhost/.well-known/openid-configuration";
            options.RequireHttpsMetadata = false;
            options.BackchannelHttpHandler = Node.Factory.Server.CreateHandler();
            options.Audience = "session-service-api";
            options.MapInboundClaims = false;
        });
        builder.Services.AddAuthorization();
        _resourceServer = builder.Build();
        _resourceServer.UseAuthentication();
        _resourceServer.UseAuthorization();
        _resourceServer.MapGet("/me", (ClaimsPrincipal user) => user.FindFirst("sub")!.Value).RequireAuthorization();
        await _resourceServer.StartAsync();
        Resource = _resourceServer.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        await _resourceServer.DisposeAsync();
        await Node.DisposeAsync();
    }
}

/// <summary>
/// A downstream API that knows only our discovery URL and its audience, using the stock
/// JwtBearer handler: it must accept our access tokens and refuse tampered, expired and foreign ones.
/// It runs on the real clock, so our node gets its own (unadvanced) fake clock here.
/// </summary>
public sealed class ResourceServerInteropTests(DownstreamApi downstream) : IClassFixture<DownstreamApi>
{
    private readonly InteropNode _fixture = downstream.Node;
    private readonly HttpClient _resource = downstream.Resource;

    [Fact]
    public async Task DownstreamApi_AcceptsOurAccessToken()
    {
        var (name, id) = await _fixture.Client.NewUserAsync();
        var token = (await _fixture.Client.LoginOkAsync(name)).Str("access_token");

        var response = await CallAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DownstreamApi_RefusesAServiceTokenByDefault_AndAcceptsOneIssuedForItsAudience()
    {
        var admin = await _fixture.Client.AdminTokenAsync();
        var byDefault = await _fixture.Client.PostAsync("/admin/tokens", new { sub = "svc-billing" }, admin);
        var forThisApi = await _fixture.Client.PostAsync("/admin/tokens", new { sub = "svc-billing", aud = "session-service-api" }, admin);

        var refused = await CallAsync((await byDefault.JsonAsync()).Str("token"));
        var accepted = await CallAsync((await forThisApi.JsonAsync()).Str("token"));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("svc-billing", await accepted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DownstreamApi_RefusesTamperedExpiredAndWrongAudienceTokens()
    {
        var (name, _) = await _fixture.Client.NewUserAsync();
        var token = (await _fixture.Client.LoginOkAsync(name)).Str("access_token");
        var parts = token.Split('.');
        var tampered = $"{parts[0]}.{RawJwt.Encode(new { sub = "someone-else", aud = "session-service-api", iss = "session-service", exp = 4102444800 })}.{parts[2]}";
        var expired = TokenForge.Sign(_fixture.Factory, (d, _) =>
        {
            d.IssuedAt = DateTime.UtcNow.AddHours(-2);
            d.NotBefore = d.IssuedAt;
            d.Expires = DateTime.UtcNow.AddHours(-1);
        });
        var wrongAudience = TokenForge.Sign(_fixture.Factory, (d, _) => d.Audience = "some-other-api");

        foreach (var bad in new[] { tampered, expired, wrongAudience })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(bad)).StatusCode);
        }
    }

    private Task<HttpResponseMessage> CallAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _resource.SendAsync(request);
    }
}

/// <summary>A node whose discovery document names its public base URL, as a deployment behind JwtBearer clients must.</summary>
public sealed class InteropNode : IAsyncLifetime
{
    private readonly TempDirectory _storage = new();

    public ApiFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new ApiFactory(_storage.Path, new Dictionary<string, string?> { ["Api:PublicBaseUrl"] = "http://localhost" });
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        _storage.Dispose();
    }
}
