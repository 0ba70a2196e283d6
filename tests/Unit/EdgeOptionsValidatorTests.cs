using SessionService.Api.Http;

namespace SessionService.Tests.Unit;

public sealed class EdgeOptionsValidatorTests
{
    [Theory]
    [InlineData("*")]
    [InlineData("https://*.example.com")]
    [InlineData("https://app.example/path")]
    [InlineData("https://app.example/")]
    [InlineData("ftp://app.example")]
    [InlineData("app.example")]
    public void CrossOrigin_FailsNamingTheIndexedKey_WhenOriginIsNotAnOrigin(string origin)
    {
        var result = new CrossOriginOptionsValidator().Validate(null, new CrossOriginOptions { AllowedOrigins = ["https://ok.example", origin] });

        Assert.True(result.Failed);
        Assert.Equal($"Cors:AllowedOrigins:1 ('{origin}') must be an origin such as https://app.example.com.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void CrossOrigin_Succeeds_WhenOriginsAreOriginsOrNone()
    {
        var validator = new CrossOriginOptionsValidator();

        Assert.True(validator.Validate(null, new CrossOriginOptions()).Succeeded);
        Assert.True(validator.Validate(null, new CrossOriginOptions { AllowedOrigins = ["https://app.example", "http://localhost:3000"] }).Succeeded);
    }

    [Theory]
    [InlineData("not-an-ip")]
    [InlineData("10.0.0.0/8")]
    [InlineData("300.1.1.1")]
    public void TrustedProxy_FailsNamingTheIndexedKey_WhenProxyIsNotAnIpAddress(string proxy)
    {
        var result = new TrustedProxyOptionsValidator().Validate(null, new TrustedProxyOptions { KnownProxies = ["10.0.0.1", proxy] });

        Assert.Equal($"ForwardedHeaders:KnownProxies:1 ('{proxy}') is not an IP address.", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData("10.0.0.0/99")]
    [InlineData("10.0.0.1")]
    [InlineData("not-a-network/8")]
    public void TrustedProxy_FailsNamingTheIndexedKey_WhenNetworkIsNotCidr(string network)
    {
        var result = new TrustedProxyOptionsValidator().Validate(null, new TrustedProxyOptions { KnownNetworks = [network] });

        Assert.Equal($"ForwardedHeaders:KnownNetworks:0 ('{network}') is not a CIDR network.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void TrustedProxy_PostConfigure_ParsesProxiesAndNetworksOnce()
    {
        var options = new TrustedProxyOptions { KnownProxies = ["10.0.0.1", "::1"], KnownNetworks = ["172.16.0.0/12"] };

        new TrustedProxyOptionsValidator().PostConfigure(null, options);

        Assert.Equal([System.Net.IPAddress.Parse("10.0.0.1"), System.Net.IPAddress.IPv6Loopback], options.Proxies);
        Assert.Equal(System.Net.IPNetwork.Parse("172.16.0.0/12"), Assert.Single(options.Networks));
        Assert.True(options.TrustsAny);
        Assert.False(new TrustedProxyOptions().TrustsAny);
    }
}
