using SessionService.Api.Routes;

namespace SessionService.Tests.Unit.Routes;

public sealed class RoutePathTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/files/report.pdf")]
    [InlineData("/files/")]
    [InlineData("/files/a%20b.txt")]
    [InlineData("/files/%C3%A9t%C3%A9.txt")]
    [InlineData("/files/a%25b")]
    [InlineData("/files/a%3Fb")]
    [InlineData("/a/b.c/..d/d..")]
    [InlineData("/x:y@z!$&'()*+,=~_-")]
    public void IsCanonical_True_ForCanonicalPaths(string path) => Assert.True(RoutePath.IsCanonical(path));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("files/a", "relative")]
    [InlineData("https://host/files", "absolute URL")]
    [InlineData("/files/../admin", "dot-dot segment")]
    [InlineData("/files/..", "trailing dot-dot")]
    [InlineData("/files/./a", "dot segment")]
    [InlineData("/files/%2e%2e/admin", "encoded dot-dot, lowercase")]
    [InlineData("/files/%2E%2E/admin", "encoded dot-dot")]
    [InlineData("/files/.%2E/admin", "half encoded dot-dot")]
    [InlineData("/files%2Fadmin", "encoded slash")]
    [InlineData("/files%2fadmin", "encoded slash, lowercase")]
    [InlineData("/files%5Cadmin", "encoded backslash")]
    [InlineData("/files\\admin", "backslash")]
    [InlineData("//files/a", "leading double slash")]
    [InlineData("/files//a", "double slash")]
    [InlineData("/files/a;jsessionid=1", "matrix parameter")]
    [InlineData("/files/%41", "escaped unreserved letter")]
    [InlineData("/files/%7E", "escaped tilde")]
    [InlineData("/files/a%c3%a9", "lowercase escape")]
    [InlineData("/files/a%2", "truncated escape")]
    [InlineData("/files/a%ZZ", "bad escape")]
    [InlineData("/files/a%00", "escaped NUL")]
    [InlineData("/files/a%0A", "escaped line feed")]
    [InlineData("/files/a b", "raw space")]
    [InlineData("/files/é", "raw non-ASCII")]
    [InlineData("/files/a?x=1", "query in path")]
    [InlineData("/files/a#x", "fragment")]
    public void IsCanonical_False_ForAmbiguousPaths(string path, string why) =>
        Assert.False(RoutePath.IsCanonical(path), why);

    [Fact]
    public void IsCanonical_False_WhenLongerThanTheLimit() =>
        Assert.False(RoutePath.IsCanonical("/" + new string('a', RoutePath.MaxLength)));
}
