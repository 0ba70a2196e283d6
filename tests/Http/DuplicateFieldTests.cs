using System.Net;
using System.Text;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>A field given twice is ambiguous (which one did a proxy or a log see?): refused in JSON and forms alike.</summary>
[Collection(ApiCollection.Name)]
public sealed class DuplicateFieldTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Token_Is400_WhenJsonGivesUsernameTwice()
    {
        var (bob, _) = await Client.NewUserAsync();
        var body = $"{{\"username\":\"{ApiFactory.AdminUser}\",\"username\":\"{bob}\",\"password\":\"{ApiCalls.Password}\"}}";

        var response = await Client.SendAsync(HttpMethod.Post, "/auth/token", content: new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Token_Is400_WhenJsonGivesAKeyTwiceUnderAnEscapedSpelling()
    {
        var (bob, _) = await Client.NewUserAsync();
        var body = $"{{\"username\":\"{bob}\",\"password\":\"{ApiCalls.Password}\",\"\\u0070assword\":\"other\"}}";

        var response = await Client.SendAsync(HttpMethod.Post, "/auth/token", content: new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Token_Is400_WhenFormGivesUsernameTwice()
    {
        var (bob, _) = await Client.NewUserAsync();
        var body = $"username={ApiFactory.AdminUser}&username={bob}&password={ApiCalls.Password}";

        var response = await Client.SendAsync(HttpMethod.Post, "/auth/token",
            content: new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Token_Succeeds_WhenEachJsonKeyIsGivenOnce()
    {
        var (bob, _) = await Client.NewUserAsync();
        var body = $"{{\"username\":\"{bob}\",\"password\":\"{ApiCalls.Password}\",\"device\":\"d1\"}}";

        var response = await Client.SendAsync(HttpMethod.Post, "/auth/token", content: new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bob, (await response.JsonAsync()).GetProperty("user").Str("username"));
    }

    [Fact]
    public async Task ServiceToken_Is400_WhenAClaimIsGivenTwice()
    {
        var admin = await Client.AdminTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/tokens")
        {
            Content = new StringContent("{\"claims\":{\"team\":\"a\",\"team\":\"b\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", admin);

        var response = await Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }
}
