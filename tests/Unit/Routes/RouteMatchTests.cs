using SessionService.Api.Routes;

namespace SessionService.Tests.Unit.Routes;

public sealed class RouteMatchTests
{
    private static readonly RouteTokenIdentity Bound = new(
        "id", "GET", "/files/report.pdf", new Dictionary<string, string> { ["v"] = "2", ["name"] = "a b" }, null, 0);

    [Theory]
    [InlineData("GET", "/files/report.pdf?v=2&name=a%20b", "exact")]
    [InlineData("GET", "/files/report.pdf?name=a+b&v=2", "other order, plus for space")]
    [InlineData("GET", "/files/report.pdf?v=2&name=a%20b&jwt=x&extra=1", "extra unbound parameters")]
    [InlineData("GET", "/files/report.pdf?v=2&name=a%20b#frag", "fragment ignored")]
    public void Matches_True(string method, string uri, string why) =>
        Assert.True(RouteMatch.Matches(Bound, Original(method, uri)), why);

    [Theory]
    [InlineData("POST", "/files/report.pdf?v=2&name=a%20b", "other method")]
    [InlineData("get", "/files/report.pdf?v=2&name=a%20b", "method case")]
    [InlineData("GET", "/Files/report.pdf?v=2&name=a%20b", "path case")]
    [InlineData("GET", "/files/report.pdf/?v=2&name=a%20b", "trailing slash")]
    [InlineData("GET", "/files//report.pdf?v=2&name=a%20b", "double slash")]
    [InlineData("GET", "/files/x/../report.pdf?v=2&name=a%20b", "dot-dot to the same file")]
    [InlineData("GET", "/files/x/%2e%2e/report.pdf?v=2&name=a%20b", "encoded dot-dot")]
    [InlineData("GET", "/files%2Freport.pdf?v=2&name=a%20b", "encoded slash")]
    [InlineData("GET", "/files/report.pdf;jsessionid=1?v=2&name=a%20b", "matrix parameter")]
    [InlineData("GET", "/files/r%65port.pdf?v=2&name=a%20b", "escaped unreserved letter")]
    [InlineData("GET", "/files/report.pdf?v=3&name=a%20b", "other bound value")]
    [InlineData("GET", "/files/report.pdf?name=a%20b", "bound parameter missing")]
    [InlineData("GET", "/files/report.pdf?v=2&v=2&name=a%20b", "bound parameter repeated, same value")]
    [InlineData("GET", "/files/report.pdf?v=2&%76=3&name=a%20b", "bound parameter repeated under an encoded name")]
    [InlineData("GET", "/files/report.pdf?V=2&name=a%20b", "bound name in another case")]
    public void Matches_False(string method, string uri, string why) =>
        Assert.False(RouteMatch.Matches(Bound, Original(method, uri)), why);

    [Theory]
    [InlineData("/a?jwt=t", "t")]
    [InlineData("/a?x=1&jwt=t&y=2", "t")]
    [InlineData("/a?jwt=t&jwt=t", null)]
    [InlineData("/a?jwt=", null)]
    [InlineData("/a", null)]
    public void Token_IsTheSingleJwtParameter(string uri, string? token) =>
        Assert.Equal(token, Original("GET", uri).Token());

    private static OriginalRequest Original(string method, string uri)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Headers["X-Original-URI"] = uri;
        http.Request.Headers["X-Original-Method"] = method;
        return OriginalRequest.FromForwardAuth(http.Request)!;
    }
}
