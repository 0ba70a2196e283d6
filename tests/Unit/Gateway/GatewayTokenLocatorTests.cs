using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using SessionService.Api.Gateway;
using SessionService.Api.Gateway.Verification;

namespace SessionService.Tests.Unit.Gateway;

public sealed class GatewayTokenLocatorTests
{
    private const string A = "aaa.bbb.ccc";
    private const string B = "xxx.yyy.zzz";

    private static GatewayTokenLocator Locator(Action<GatewayOptions>? configure = null)
    {
        var options = new GatewayOptions { CookieNames = "jwt_cookie", HeaderNames = "Authorization,X-Partner-Token" };
        configure?.Invoke(options);
        return new GatewayTokenLocator(Options.Create(options));
    }

    private static HeaderDictionary Headers(params (string Name, string[] Values)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, values) in headers)
        {
            dictionary[name] = new StringValues(values);
        }

        return dictionary;
    }

    private static TokenSearch Found(string token) => TokenSearch.Found(token);

    [Fact]
    public void NothingAnywhere_IsNoToken()
    {
        Assert.Equal(TokenSearch.None, Locator().Locate(null, Headers()));
        Assert.Equal(TokenSearch.None, Locator().Locate("", Headers()));
        Assert.Equal(TokenSearch.None, Locator().Locate("?other=1", Headers(("Cookie", ["session=1"]))));
    }

    [Fact]
    public void QueryParameter_IsFound_WithOrWithoutTheQuestionMark()
    {
        Assert.Equal(Found(A), Locator().Locate($"?a=1&jwt={A}", Headers()));
        Assert.Equal(Found(A), Locator().Locate($"jwt={A}&b=2", Headers()));
        Assert.Equal(Found(A), Locator().Locate($"?jwt={Uri.EscapeDataString(A)}", Headers()));
    }

    [Fact]
    public void Cookie_IsFound_AmongOthers()
    {
        Assert.Equal(Found(A), Locator().Locate(null, Headers(("Cookie", [$"a=1; jwt_cookie={A}; b=2"]))));
        Assert.Equal(Found(A), Locator().Locate(null, Headers(("Cookie", ["a=1", $"jwt_cookie=\"{A}\""]))));
    }

    [Theory]
    [InlineData("Bearer " + A)]
    [InlineData("bearer " + A)]
    [InlineData("BEARER   " + A + "  ")]
    [InlineData("Bearer\t" + A)]
    public void AuthorizationHeader_CarriesABearerToken(string value)
    {
        Assert.Equal(Found(A), Locator().Locate(null, Headers(("Authorization", [value]))));
    }

    [Theory]
    [InlineData(A)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer" + A)]
    [InlineData("")]
    public void AuthorizationHeader_WithoutABearerToken_IsIgnored(string value)
    {
        Assert.Equal(TokenSearch.None, Locator().Locate(null, Headers(("Authorization", [value]))));
    }

    [Theory]
    [InlineData(A)]
    [InlineData("Bearer " + A)]
    [InlineData("  " + A + " ")]
    public void CustomHeader_CarriesTheBareTokenOrABearerToken(string value)
    {
        Assert.Equal(Found(A), Locator().Locate(null, Headers(("X-Partner-Token", [value]))));
    }

    [Fact]
    public void OnlyConfiguredPlaces_AreSearched()
    {
        var locator = Locator(o => (o.UriParamNames, o.CookieNames, o.HeaderNames) = ("token", "", "X-Partner-Token"));

        Assert.Equal(TokenSearch.None, locator.Locate($"?jwt={A}", Headers(("Authorization", [$"Bearer {A}"]), ("Cookie", [$"jwt_cookie={B}"]))));
        Assert.Equal(Found(A), locator.Locate($"?token={A}", Headers()));
    }

    [Fact]
    public void EmptyValues_AreIgnored()
    {
        var verdict = Locator().Locate("?jwt=&jwt", Headers(("Cookie", ["jwt_cookie="]), ("X-Partner-Token", [""]), ("Authorization", [$"Bearer {A}"])));

        Assert.Equal(Found(A), verdict);
    }

    [Fact]
    public void SameTokenInEveryPlace_IsOneToken()
    {
        var search = Locator().Locate($"?jwt={A}&jwt={A}", Headers(
            ("Cookie", [$"jwt_cookie={A}", $"jwt_cookie={A}"]),
            ("Authorization", [$"Bearer {A}", $"bearer {A}"]),
            ("X-Partner-Token", [A])));

        Assert.Equal(Found(A), search);
    }

    [Fact]
    public void QueryAndHeader_Differing_AreMultipleTokens()
    {
        Assert.Equal(TokenSearch.Multiple, Locator().Locate($"?jwt={A}", Headers(("Authorization", [$"Bearer {B}"]))));
    }

    [Fact]
    public void TwoAuthorizationValues_Differing_AreMultipleTokens()
    {
        Assert.Equal(TokenSearch.Multiple, Locator().Locate(null, Headers(("Authorization", [$"Bearer {A}", $"Bearer {B}"]))));
    }

    [Fact]
    public void CookieAndHeader_Differing_AreMultipleTokens()
    {
        Assert.Equal(TokenSearch.Multiple, Locator().Locate(null, Headers(("Cookie", [$"jwt_cookie={A}"]), ("X-Partner-Token", [B]))));
    }

    [Fact]
    public void TwoQueryParametersOfOneName_Differing_AreMultipleTokens()
    {
        Assert.Equal(TokenSearch.Multiple, Locator().Locate($"?jwt={A}&x=1&jwt={B}", Headers()));
    }

    [Fact]
    public void QueryParameterNames_MatchWithoutCase_SoAnUpstreamReadingEitherSeesTheConflict()
    {
        Assert.Equal(TokenSearch.Multiple, Locator().Locate($"?jwt={A}&JWT={B}", Headers()));
    }

    [Fact]
    public void TwoCookiesOfOneName_Differing_AreMultipleTokens()
    {
        Assert.Equal(TokenSearch.Multiple, Locator().Locate(null, Headers(("Cookie", [$"jwt_cookie={A}; jwt_cookie={B}"]))));
        Assert.Equal(TokenSearch.Multiple, Locator().Locate(null, Headers(("Cookie", [$"jwt_cookie={A}", $"jwt_cookie={B}"]))));
    }

    [Theory]
    [InlineData("a=1, jwt_cookie=" + B)]
    [InlineData("jwt_cookie=" + B + ",x")]
    [InlineData("bad cookie=1; jwt_cookie=" + B)]
    [InlineData("a=\"x; jwt_cookie=" + B)]
    public void CookieLine_OtherParsersWouldRead_StillConflictsWithTheHeader(string line)
    {
        Assert.Equal(TokenSearch.Multiple, Locator().Locate(null, Headers(("Cookie", [line]), ("Authorization", [$"Bearer {A}"]))));
    }

    [Fact]
    public void CustomHeaderAndAuthorization_Differing_AreMultipleTokens()
    {
        Assert.Equal(TokenSearch.Multiple, Locator().Locate(null, Headers(("Authorization", [$"Bearer {A}"]), ("X-Partner-Token", [$"Bearer {B}"]))));
    }

    [Theory]
    [InlineData("?%", "")]
    [InlineData("?jwt=%zz%", "")]
    [InlineData("?&&&=&=jwt&jwt=%E0%A4%A", "")]
    [InlineData("", "=;;;jwt_cookie\"; \u0001=\u0002")]
    [InlineData("?jwt=\u0000", "jwt_cookie=\"unterminated")]
    public void HostileInput_NeverThrows(string query, string cookie)
    {
        var headers = Headers(("Cookie", [cookie]), ("Authorization", ["Bearer \u0000\u00ff"]), ("X-Partner-Token", ["\r\n"]));

        var search = Locator().Locate(query, headers);

        Assert.True(Enum.IsDefined(search.Outcome));
    }

    [Fact]
    public void NullHeaderValues_AreIgnored()
    {
        var headers = new HeaderDictionary
        {
            ["Authorization"] = new StringValues([null, $"Bearer {A}"]),
            ["X-Partner-Token"] = new StringValues([null]),
            ["Cookie"] = new StringValues([null, ""]),
        };

        Assert.Equal(Found(A), Locator().Locate(null, headers));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("/orders", null)]
    [InlineData("/orders?jwt=abc", "?jwt=abc")]
    [InlineData("/orders?jwt=abc#frag", "?jwt=abc")]
    [InlineData("/orders#frag?jwt=abc", null)]
    [InlineData("https://example.com/o?a=1&b=2", "?a=1&b=2")]
    public void QueryOf_AnOriginalUri(string? uri, string? query)
    {
        Assert.Equal(query, GatewayTokenLocator.QueryOf(uri));
    }
}
