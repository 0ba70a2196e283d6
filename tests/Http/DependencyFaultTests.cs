using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>What a client sees when the node's storage or its revocation authority fails, and after.</summary>
public sealed class DependencyFaultTests : IAsyncLifetime
{
    private readonly StorageFaults _storageFaults = new();
    private readonly PublishFaults _publishFaults = new();
    private readonly OwnNode _node;

    public DependencyFaultTests() => _node = new OwnNode(services: services =>
    {
        _storageFaults.DecorateSessionStorage(services);
        services.AddSingleton<IIncomingGrainCallFilter>(_publishFaults);
    });

    private HttpClient Client => _node.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _node.DisposeAsync().AsTask();

    [Fact]
    public async Task RefreshWhileStorageRefusesWrites_Answers503WithRetryAfter_AndTheRetryAfterRecoveryStaysValid()
    {
        var (name, _) = await Client.NewUserAsync();
        var token = (await Client.LoginOkAsync(name)).Str("refresh_token");

        _storageFaults.WritesFail = true;
        var failed = await Client.RefreshAsync(token);
        _storageFaults.WritesFail = false;

        await failed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.NotNull(failed.Headers.RetryAfter);
        var successor = (await (await Client.RefreshAsync(token)).JsonAsync()).Str("refresh_token");
        Assert.Equal(HttpStatusCode.OK, (await Client.RefreshAsync(successor)).StatusCode);
    }

    [Fact]
    public async Task OAuthRefreshWhileStorageRefusesWrites_Answers503TemporarilyUnavailableWithRetryAfter_AndTheRetryWorks()
    {
        var (name, _) = await Client.NewUserAsync();
        var token = (await Client.LoginOkAsync(name)).Str("refresh_token");
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = token });

        _storageFaults.WritesFail = true;
        var failed = await Client.PostAsync("/oauth/token", form);
        _storageFaults.WritesFail = false;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("temporarily_unavailable", (await failed.JsonAsync()).Str("error"));
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/oauth/token", form)).StatusCode);
    }

    [Fact]
    public async Task ConsumerChangesWhileStorageRefusesWrites_Answer503WithRetryAfter_AndLeaveNothingHalfMade()
    {
        var admin = await Client.AdminTokenAsync();
        var consumer = await Client.NewConsumerAsync(admin);
        var token = consumer.Token(_node.Factory.Clock.GetUtcNow());
        var key = "retried-" + Guid.NewGuid().ToString("N");

        _storageFaults.WritesFail = true;
        var added = await Client.PostAsync($"/admin/consumers/{consumer.Username}/jwt", new { key }, admin);
        var deleted = await Client.DeleteAsync($"/admin/consumers/{consumer.Username}", admin);
        _storageFaults.WritesFail = false;

        await added.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        await deleted.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.NotNull(added.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await Client.ForwardAuthAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Client.PostAsync($"/admin/consumers/{consumer.Username}/jwt", new { key }, admin)).StatusCode);
    }

    [Fact]
    public async Task LoginWhileStorageCannotBeRead_Answers503WithRetryAfter()
    {
        var (name, _) = await Client.NewUserAsync();
        _storageFaults.WritesFail = true;
        await Client.LoginAsync(name); // the failed write sends the user grain back to storage
        _storageFaults.WritesFail = false;
        _storageFaults.ReadsFail = true;

        var response = await Client.LoginAsync(name);
        _storageFaults.ReadsFail = false;

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await Client.LoginAsync(name)).StatusCode);
    }

    [Fact]
    public async Task UserListingWhileStorageCannotBeRead_Answers503WithRetryAfter_AndThenListsTheUser()
    {
        var admin = await Client.AdminTokenAsync();
        var created = await Client.PostAsync("/users", new { username = "listed-" + Guid.NewGuid().ToString("N")[..8], password = ApiCalls.Password, number = 100 }, admin);
        var id = (await created.JsonAsync()).Str("id");

        // Numbers 51 to 99 were never asked for: the page must read them from storage.
        _storageFaults.ReadsFail = true;
        var failed = await Client.GetAsync("/users?after=50", admin);
        _storageFaults.ReadsFail = false;
        var listed = await (await Client.GetAsync("/users?after=50", admin)).JsonAsync();

        await failed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal([id], listed.GetProperty("data").EnumerateArray().Select(u => u.Str("id")));
    }

    [Fact]
    public async Task LogoutWhileTheAuthorityFails_Answers204_AndTheAccessTokenIsRefusedWithinOneSecondOfItsReturn()
    {
        var (name, _) = await Client.NewUserAsync();
        var login = await Client.LoginOkAsync(name);

        _publishFaults.Failing = true;
        var logout = await Client.PostAsync("/auth/logout", new { refresh_token = login.Str("refresh_token") });
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(login.Str("access_token"))).StatusCode);

        _publishFaults.Failing = false;
        await Eventually.ProblemAsync(() => Client.ValidateAsync(login.Str("access_token")), "obsolete_token");
    }

    [Fact]
    public async Task WordPressImportWhileStorageFails_Answers503WithRetryAfter_AndTheRerunCompletesIt()
    {
        var admin = await Client.AdminTokenAsync();
        var hash = Php.Md5("old-wordpress-Passw0rd");
        var rows = Enumerable.Range(0, 6).Select(_ => WordPressExports.Row(WordPressExports.FreshNumber(), WordPressExports.FreshLogin(), hash)).ToList();

        // Each user takes four writes (name, number, user, name confirmed): the failure lands halfway through some.
        _storageFaults.FailWritesAfter(9);
        var failed = await Client.ImportAsync(rows, admin);
        _storageFaults.WritesSucceed();
        var rerun = await Client.ImportOkAsync(rows, admin);

        await failed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal(rows.Count, rerun.GetProperty("created").GetInt32() + rerun.GetProperty("skipped").GetInt32());
        Assert.InRange(rerun.GetProperty("skipped").GetInt32(), 0, 2);
        foreach (var row in rows)
        {
            await Client.LoginOkAsync((string)row["user_login"]!, "old-wordpress-Passw0rd");
        }
    }
}
