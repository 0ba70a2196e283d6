using System.Net;
using SessionService.Tests.Support;
using static SessionService.Tests.Support.WordPressCalls;

namespace SessionService.Tests.Http.Compat.WordPress;

/// <summary>The addresses WordPress answers the plugin's routes on, and WordPress core's answers around them (§0, §7).</summary>
[Collection(WordPressNode.Collection)]
public sealed class WordPressRoutesTests(WordPressNode node)
{
    private HttpClient Client => node.Client;

    [Theory]
    [InlineData("/wp-json/jwt-auth/v1/token/validate")]
    [InlineData("/wp-json/jwt-auth/v1/token/validate/")]
    [InlineData("/?rest_route=/jwt-auth/v1/token/validate")]
    [InlineData("/?rest_route=/jwt-auth/v1/token/validate/")]
    [InlineData("/index.php?rest_route=/jwt-auth/v1/token/validate")]
    public async Task Validate_AnswersOnEveryAddressWordPressHas(string path)
    {
        var (name, _) = await Client.NewUserAsync();
        var (token, _) = await Client.WordPressLoginAsync(name);

        var response = await Client.SendToAsync(HttpMethod.Post, path, authorization: "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("jwt_auth_valid_token", (await response.EnvelopeAsync()).Code);
    }

    [Theory]
    [InlineData("/?rest_route=/jwt-auth/v1/token")]
    [InlineData("/wp-json/jwt-auth/v1/token/")]
    public async Task Token_AnswersOnTheOtherAddresses(string path)
    {
        var (name, _) = await Client.NewUserAsync();

        var response = await Client.SendToAsync(HttpMethod.Post, path, Form(("username", name), ("password", ApiCalls.Password)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(RefreshCookie(response));
    }

    [Theory]
    [InlineData("/?rest_route=/jwt-auth/v1/token/refresh")]
    [InlineData("/wp-json/jwt-auth/v1/token/refresh/")]
    public async Task Refresh_AnswersOnTheOtherAddresses(string path)
    {
        var (name, _) = await Client.NewUserAsync();
        var (_, cookie) = await Client.WordPressLoginAsync(name);

        var response = await Client.SendToAsync(HttpMethod.Post, path, cookie: cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(RefreshCookie(response));
    }

    [Theory]
    [InlineData("GET", "/wp-json/jwt-auth/v1/token")]
    [InlineData("PUT", "/wp-json/jwt-auth/v1/token/refresh")]
    [InlineData("GET", "/wp-json/jwt-auth/v1/token/validate")]
    [InlineData("POST", "/wp-json/jwt-auth/v1/tokens")]
    [InlineData("POST", "/wp-json/jwt-auth/v2/token")]
    [InlineData("GET", "/wp-json/")]
    [InlineData("GET", "/?rest_route=/jwt-auth/v1/token")]
    [InlineData("POST", "/?rest_route=/wp/v2/users")]
    public async Task WrongMethodOrUnknownRoute_IsWordPressCoresNoRoute(string method, string path)
    {
        var response = await Client.SendToAsync(new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}""",
            (await response.JsonAsync()).GetRawText());
    }

    [Theory]
    [InlineData("/token")]
    [InlineData("/token/refresh")]
    public async Task MalformedJson_WithAJsonContentType_IsWordPressCoresInvalidJson(string route)
    {
        var response = await Client.WordPressAsync(route, Json("{\"username\": "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"code":"rest_invalid_json","message":"Invalid JSON body passed.","data":{"status":400}}""", (await response.JsonAsync()).GetRawText());
    }

    [Fact]
    public async Task JsonThatIsNotAnObject_GivesNoParameters()
    {
        var response = await Client.WordPressAsync("/token", Json("[1, 2]"));

        Assert.Equal("jwt_auth_missing_credentials", (await response.EnvelopeAsync()).Code);
    }

    [Fact]
    public async Task CrossSiteLogin_IsRefused()
    {
        var (name, _) = await Client.NewUserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Root + "/token") { Content = Form(("username", name), ("password", ApiCalls.Password)) };
        request.Headers.Add("Origin", "https://evil.example");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(SetCookie(response));
    }
}
