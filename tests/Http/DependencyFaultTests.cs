using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>What a client sees when the node's storage or its revocation authority fails, and after.</summary>
public sealed class DependencyFaultTests : IAsyncLifetime
{
    private readonly TempDirectory _storage = new();
    private readonly StorageFaults _storageFaults = new();
    private readonly PublishFaults _publishFaults = new();
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new ApiFactory(_storage.Path).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            _storageFaults.DecorateSessionStorage(services);
            services.AddSingleton<IIncomingGrainCallFilter>(_publishFaults);
        }));
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _storage.Dispose();
    }

    [Fact]
    public async Task RefreshWhileStorageRefusesWrites_Answers503WithRetryAfter_AndTheRetryAfterRecoveryStaysValid()
    {
        var (name, _) = await _client.NewUserAsync();
        var token = (await _client.LoginOkAsync(name)).Str("refresh_token");

        _storageFaults.WritesFail = true;
        var failed = await _client.RefreshAsync(token);
        _storageFaults.WritesFail = false;

        await failed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.NotNull(failed.Headers.RetryAfter);
        var successor = (await (await _client.RefreshAsync(token)).JsonAsync()).Str("refresh_token");
        Assert.Equal(HttpStatusCode.OK, (await _client.RefreshAsync(successor)).StatusCode);
    }

    [Fact]
    public async Task LoginWhileStorageCannotBeRead_Answers503WithRetryAfter()
    {
        var (name, _) = await _client.NewUserAsync();
        _storageFaults.WritesFail = true;
        await _client.LoginAsync(name); // the failed write sends the user grain back to storage
        _storageFaults.WritesFail = false;
        _storageFaults.ReadsFail = true;

        var response = await _client.LoginAsync(name);
        _storageFaults.ReadsFail = false;

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await _client.LoginAsync(name)).StatusCode);
    }

    [Fact]
    public async Task LogoutWhileTheAuthorityFails_Answers204_AndTheAccessTokenIsRefusedWithinOneSecondOfItsReturn()
    {
        var (name, _) = await _client.NewUserAsync();
        var login = await _client.LoginOkAsync(name);

        _publishFaults.Failing = true;
        var logout = await _client.PostAsync("/auth/logout", new { refresh_token = login.Str("refresh_token") });
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.ValidateAsync(login.Str("access_token"))).StatusCode);

        _publishFaults.Failing = false;
        await Eventually.ProblemAsync(() => _client.ValidateAsync(login.Str("access_token")), "obsolete_token");
    }
}
