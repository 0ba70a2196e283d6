using SessionService.Grains;

namespace SessionService.Tests.Unit;

public sealed class AuthOptionsValidatorTests
{
    private static string? Failure(AuthOptions options)
    {
        var result = new AuthOptionsValidator().Validate(null, options);
        return result.Failed ? result.FailureMessage : null;
    }

    [Fact]
    public void Defaults_AreValid_AndUseEs256()
    {
        var options = new AuthOptions();

        Assert.Null(Failure(options));
        Assert.Equal("ES256", options.EffectiveAlgorithm);
    }

    [Fact]
    public void Secret_SwitchesDefaultToHs256_AndMustMatchHashLength()
    {
        Assert.Equal("HS256", new AuthOptions { Secret = new string('s', 32) }.EffectiveAlgorithm);
        Assert.Null(Failure(new AuthOptions { Secret = new string('s', 32) }));
        Assert.Contains("Auth:Secret", Failure(new AuthOptions { Secret = new string('s', 31) }));
        Assert.Contains("Auth:Secret", Failure(new AuthOptions { SigningAlgorithm = "HS512", Secret = new string('s', 63) }));
        Assert.Contains("Auth:Secret", Failure(new AuthOptions { SigningAlgorithm = "HS256" }));
        Assert.Contains("Auth:Secret", Failure(new AuthOptions { SigningAlgorithm = "ES256", Secret = new string('s', 64) }));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("NONE")]
    [InlineData("es256")]
    [InlineData("EdDSA")]
    public void UnsupportedAlgorithms_AreRefused(string algorithm)
    {
        Assert.Contains("Auth:SigningAlgorithm", Failure(new AuthOptions { SigningAlgorithm = algorithm }));
    }

    [Fact]
    public void LifetimesThatContradictEachOther_AreRefused()
    {
        Assert.Contains("Auth:RefreshTokenLifetime", Failure(new AuthOptions { RefreshTokenLifetime = TimeSpan.FromMinutes(5) }));
        Assert.Contains("Auth:SessionAbsoluteLifetime", Failure(new AuthOptions { SessionAbsoluteLifetime = TimeSpan.FromDays(1) }));
        Assert.Contains("Auth:RefreshReuseGrace", Failure(new AuthOptions { RefreshReuseGrace = TimeSpan.FromSeconds(-1) }));
        Assert.Contains("Auth:MaxSessionsPerUser", Failure(new AuthOptions { MaxSessionsPerUser = 0 }));
        Assert.Contains("Auth:Issuer", Failure(new AuthOptions { Issuer = " " }));
    }

    [Fact]
    public void ServiceTokenAudience_MustBeSet_AndDifferFromTheAccessTokenAudience()
    {
        Assert.Contains("Auth:ServiceTokenAudience", Failure(new AuthOptions { ServiceTokenAudience = " " }));
        Assert.Contains("Auth:ServiceTokenAudience", Failure(new AuthOptions { Audience = "shared", ServiceTokenAudience = "shared" }));
        Assert.Null(Failure(new AuthOptions { Audience = "shared", ServiceTokenAudience = "Shared-services" }));
    }

    [Fact]
    public void DefaultClaims_RefuseReservedNames_NamingTheKey_AndAreBounded()
    {
        Assert.Null(Failure(new AuthOptions { DefaultClaims = new() { ["tenant"] = "acme" } }));
        Assert.Contains("Auth:DefaultClaims:Scope", Failure(new AuthOptions { DefaultClaims = new() { ["Scope"] = "admin" } }));
        Assert.Contains("Auth:DefaultClaims:email", Failure(new AuthOptions { DefaultClaims = new() { ["email"] = "x@example.com" } }));
        Assert.Contains("Auth:DefaultClaims", Failure(new AuthOptions { DefaultClaims = new() { ["big"] = new string('x', 2100) } }));
        Assert.Contains("Auth:DefaultClaims", Failure(new AuthOptions { DefaultClaims = Enumerable.Range(0, 33).ToDictionary(i => $"c{i}", _ => "v") }));
    }
}
