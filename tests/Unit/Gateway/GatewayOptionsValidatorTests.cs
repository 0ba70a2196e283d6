using SessionService.Api.Gateway;

namespace SessionService.Tests.Unit.Gateway;

public sealed class GatewayOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(GatewayOptions options) =>
        new GatewayOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Defaults_AreValid()
    {
        Assert.Empty(Failures(new GatewayOptions()));
    }

    [Theory]
    [InlineData("UriParamNames", "jwt,bad name")]
    [InlineData("CookieNames", "a;b")]
    [InlineData("HeaderNames", "Authorization,X:Token")]
    [InlineData("ClaimsToVerify", "exp,iat")]
    public void ListEntries_ThatCannotBeUsed_AreRefusedNamingTheKey(string key, string value)
    {
        var options = new GatewayOptions();
        typeof(GatewayOptions).GetProperty(key)!.SetValue(options, value);

        Assert.Contains(Failures(options), f => f.StartsWith($"Gateway:{key}", StringComparison.Ordinal));
    }

    [Fact]
    public void NoPlaceToFindATokenIn_IsRefused()
    {
        Assert.Contains(Failures(new GatewayOptions { UriParamNames = "", CookieNames = "", HeaderNames = " , " }), f => f.Contains("all empty"));
    }

    [Theory]
    [InlineData(-1, 0, "Gateway:ClockSkew")]
    [InlineData(3601, 0, "Gateway:ClockSkew")]
    [InlineData(0, -1, "Gateway:MaximumExpiration")]
    public void NegativeOrAbsurdTimes_AreRefused(int skew, int maximum, string key)
    {
        Assert.Contains(Failures(new GatewayOptions { ClockSkew = skew, MaximumExpiration = maximum }), f => f.StartsWith(key, StringComparison.Ordinal));
    }

    [Fact]
    public void MaximumExpiration_NeedsExpVerified()
    {
        Assert.Contains(Failures(new GatewayOptions { MaximumExpiration = 60, ClaimsToVerify = "nbf" }), f => f.StartsWith("Gateway:MaximumExpiration", StringComparison.Ordinal));
        Assert.Empty(Failures(new GatewayOptions { MaximumExpiration = 60, ClaimsToVerify = "exp" }));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("")]
    public void BlankAnonymous_IsRefused(string anonymous)
    {
        Assert.Contains(Failures(new GatewayOptions { Anonymous = anonymous }), f => f.StartsWith("Gateway:Anonymous", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/orders/{**rest}", "http://upstream:8080", true)]
    [InlineData("/orders", "https://upstream/base/", true)]
    [InlineData("/authors/{id}", "http://upstream", true)]
    [InlineData("/auth/{**rest}", "http://upstream", false)]
    [InlineData("/Admin/consumers", "http://upstream", false)]
    [InlineData("/{**everything}", "http://upstream", false)]
    [InlineData("/", "http://upstream", false)]
    [InlineData("orders", "http://upstream", false)]
    [InlineData("/orders/{", "http://upstream", false)]
    [InlineData("/orders", "ftp://upstream", false)]
    [InlineData("/orders", "upstream:80", false)]
    [InlineData("/orders", "http://upstream/?q=1", false)]
    public void Routes_NeedAPatternOutsideOurOwnPaths_AndAnHttpUpstream(string path, string upstream, bool valid)
    {
        var failures = Failures(new GatewayOptions { Routes = [new GatewayRoute { Path = path, Upstream = upstream }] });

        Assert.Equal(valid, failures.Count == 0);
        Assert.All(failures, f => Assert.StartsWith("Gateway:Routes:0:", f, StringComparison.Ordinal));
    }
}
