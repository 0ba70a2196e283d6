using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>Bad input gets a 4xx with a code and changes nothing; never a 5xx.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    public static TheoryData<string, string> BadJsonBodies => new()
    {
        { "{", "invalid_request" },
        { "[]", "invalid_request" },
        { "\"text\"", "invalid_request" },
        { "{\"username\": 5, \"password\": \"x\"}", "invalid_request" },
        { "{\"username\": [\"a\"], \"password\": \"x\"}", "invalid_request" },
        { "{\"username\": \"a\"}", "invalid_request" },
        { "{\"username\": \"a\\u0000b\", \"password\": \"x\"}", "invalid_request" },
        { "{\"username\": \"\\ud800\", \"password\": \"x\"}", "invalid_request" },
        { "{\"username\": \"a\", \"password\": \"x\", \"device\": \"\"}", "invalid_request" },
        { "{\"username\": {\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{}}}}}}}}}, \"password\": \"x\"}", "invalid_request" },
    };

    [Theory]
    [MemberData(nameof(BadJsonBodies))]
    public async Task Token_Is400_ForMalformedOrWrongTypedJson(string body, string code)
    {
        var response = await Client.SendAsync(HttpMethod.Post, "/auth/token", content: new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Token_Is400_ForNonUtf8Bytes_InJsonAndForm()
    {
        var json = new ByteArrayContent([.. "{\"username\":\""u8, 0xff, 0xfe, .. "\",\"password\":\"x\"}"u8]);
        json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var form = new ByteArrayContent([.. "username=%FF%FE&password=x"u8]);
        form.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

        await (await Client.SendAsync(HttpMethod.Post, "/auth/token", content: json)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        await (await Client.SendAsync(HttpMethod.Post, "/auth/token", content: form)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Token_Is413_ForOversizedBody()
    {
        var huge = "{\"username\":\"" + new string('a', 100_000) + "\",\"password\":\"x\"}";

        var response = await Client.SendAsync(HttpMethod.Post, "/auth/token", content: new StringContent(huge, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task AnyRequest_Is431WithCode_ForAbsurdHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/validate");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('a', 20_000));
        using var many = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        for (var i = 0; i < 200; i++)
        {
            many.Headers.TryAddWithoutValidation($"X-Filler-{i}", new string('f', 100));
        }

        await (await Client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "headers_too_large");
        await (await Client.SendAsync(many)).AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "headers_too_large");
    }

    [Fact]
    public async Task Token_Is400_ForOverlongFields()
    {
        var longDevice = await Client.PostAsync("/auth/token", new { username = "someone", password = "whatever-1", device = new string('d', 129) });
        var longPassword = await Client.PostAsync("/auth/token", new { username = "someone", password = new string('p', 257) });

        await longDevice.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        await longPassword.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Token_Is415_ForUnsupportedContentType()
    {
        var response = await Client.SendAsync(HttpMethod.Post, "/auth/token", content: new StringContent("username=a", Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task Validate_Is401_ForHugeOrHostileTokens()
    {
        var huge = new string('a', 9000) + "." + new string('b', 100) + "." + new string('c', 100);
        var noneAlg = "eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0Iiwia2lkIjoiLi4vLi4vZXRjL3Bhc3N3ZCJ9.eyJzdWIiOiJ4Iiwic2lkIjoieSJ9.";

        await (await Client.ValidateAsync(huge)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        await (await Client.ValidateAsync(noneAlg)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task BadRequests_LeaveAccountUntouched()
    {
        var (name, _) = await Client.NewUserAsync();
        var login = await Client.LoginOkAsync(name);

        await Client.SendAsync(HttpMethod.Post, "/auth/refresh", content: new StringContent("{\"refresh_token\": 7}", Encoding.UTF8, "application/json"));
        await Client.SendAsync(HttpMethod.Post, "/auth/refresh", content: new StringContent("{", Encoding.UTF8, "application/json"));
        await Client.PostAsync("/auth/password", new { current_password = 5 }, login.Str("access_token"));

        Assert.Equal(HttpStatusCode.OK, (await Client.RefreshAsync(login.Str("refresh_token"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.LoginAsync(name)).StatusCode);
    }

    [Fact]
    public async Task UnknownRouteAndWrongMethod_AreProblemsWithCodes()
    {
        await (await Client.GetAsync("/no/such/path")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await Client.GetAsync("/auth/token")).AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task KeepCurrent_Is400_WhenNotABoolean()
    {
        var (name, _) = await Client.NewUserAsync();
        var token = (await Client.LoginOkAsync(name)).Str("access_token");

        var response = await Client.DeleteAsync("/auth/sessions?keep_current=maybe", token);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(token)).StatusCode);
    }
}
