using System.Net;
using SessionService.Tests.Http.Routes;
using SessionService.Tests.Support;

namespace SessionService.Tests.Gateway;

/// <summary>
/// Real nginx running the shipped deploy/nginx.conf (addresses and the files directory aside) in front of
/// a node: <c>/files/</c> opens only with a route token link, and nginx passes the service's answers on,
/// the 410 of a used-up link included (which auth_request alone turns into 500).
/// </summary>
public sealed class NginxRouteTokenTests : IAsyncLifetime
{
    private const string ComposeFilesDirectory = "/usr/share/nginx/protected/";
    private readonly TempDirectory _storage = new();
    private NodeProcess? _node;
    private NginxProcess? _nginx;
    private HttpClient _client = null!;
    private HttpClient _direct = null!;

    public async Task InitializeAsync()
    {
        _node = await NodeProcess.StartAsync(_storage.Path);
        var port = FreePort.Next();
        var site = NginxConfig.FromDeploy(_node.Address.Port, FreePort.Next(), port);
        Assert.Contains(ComposeFilesDirectory, site);
        site = site.Replace(ComposeFilesDirectory, Path.Combine(Repository.Root, "deploy", "protected") + "/", StringComparison.Ordinal);
        _nginx = await NginxProcess.StartAsync(site, port);
        _client = new HttpClient { BaseAddress = _nginx.Address };
        _direct = new HttpClient { BaseAddress = _node.Address };
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        _direct?.Dispose();
        _nginx?.Dispose();
        _node?.Dispose();
        _storage.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SingleUseLink_OpensTheFileOnce_Then410_AndOtherRequestsAreRefused()
    {
        var admin = await _direct.AdminTokenAsync();
        var route = await _direct.IssueOkAsync(admin, new { path = "/files/report.txt", max_uses = 1 });
        var token = route.Str("token");

        await AssertProblemAsync(await _client.GetAsync("/files/report.txt"), HttpStatusCode.Unauthorized, "invalid_route_token");
        await AssertProblemAsync(await _client.GetAsync("/files/other.txt?jwt=" + token), HttpStatusCode.Forbidden, "route_mismatch");

        var first = await _client.GetAsync(route.Str("url"));
        Assert.True(first.StatusCode == HttpStatusCode.OK, $"{first.StatusCode}: {await first.Content.ReadAsStringAsync()}\n{_nginx!.Log}");
        Assert.Contains("protected report", await first.Content.ReadAsStringAsync());

        await AssertProblemAsync(await _client.GetAsync(route.Str("url")), HttpStatusCode.Gone, "route_token_used_up");
    }

    private async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{_nginx!.Log}");
        Assert.Equal(code, await response.CodeAsync());
    }
}
