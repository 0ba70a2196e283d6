using SessionService.Silo;

namespace SessionService.Tests.Unit;

public sealed class SiloOptionsValidatorTests
{
    [Fact]
    public void Validate_Succeeds_WithDefaults()
    {
        Assert.True(Validate(new SiloOptions()).Succeeded);
    }

    [Fact]
    public void Validate_FailsNamingConnectionString_WhenPostgresModeHasNone()
    {
        var result = Validate(new SiloOptions { Mode = SiloOptions.PostgresMode, ClusterSecret = StrongSecret });

        Assert.Equal("ConnectionStrings:Orleans must be set when Orleans:Mode is 'postgres'.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_FailsNamingAdvertisedIP_WhenPostgresModeHasBadAddress()
    {
        var result = Validate(new SiloOptions { Mode = SiloOptions.PostgresMode, AdvertisedIP = "silo-one" });

        Assert.Contains("Orleans:AdvertisedIP ('silo-one') is not an IP address.", result.Failures!);
    }

    [Fact]
    public void Validate_FailsNamingClusterSecret_WhenPostgresModeHasNone()
    {
        var result = Validate(Cluster(secret: null));

        Assert.Contains("Orleans:ClusterSecret must be set (the same on every silo and API node) when Orleans:Mode is 'postgres'.", result.Failures!);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("0123456789abcdef0123456789abcde")]
    public void Validate_FailsNamingClusterSecret_WhenShorterThan32Bytes(string secret)
    {
        var result = Validate(Cluster(secret));

        Assert.Contains("Orleans:ClusterSecret must be at least 32 bytes.", result.Failures!);
    }

    [Fact]
    public void Validate_AcceptsA32ByteClusterSecret()
    {
        var result = Validate(Cluster(StrongSecret[..32]));

        Assert.DoesNotContain(result.Failures!, failure => failure.Contains("ClusterSecret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.7")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.20")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.10.10")]
    public void Validate_AcceptsAPrivateAdvertisedAddress(string address)
    {
        var options = Cluster(StrongSecret);
        options.AdvertisedIP = address;

        Assert.DoesNotContain(Validate(options).Failures!, failure => failure.Contains("Orleans:AdvertisedIP", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("192.0.2.2")]
    public void Validate_RefusesAPublicAdvertisedAddress_UnlessAllowed(string address)
    {
        var options = Cluster(StrongSecret);
        options.AdvertisedIP = address;

        Assert.Contains(Validate(options).Failures!, failure => failure.StartsWith($"Orleans:AdvertisedIP ({address}) is a public address", StringComparison.Ordinal));
        options.AllowPublicAddress = true;
        Assert.DoesNotContain(Validate(options).Failures!, failure => failure.Contains("Orleans:AdvertisedIP", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NeedsNoClusterSecret_WhenEmbedded()
    {
        Assert.True(Validate(new SiloOptions { ClusterSecret = null }).Succeeded);
    }

    [Fact]
    public void Validate_IgnoresAdvertisedIP_WhenEmbedded()
    {
        Assert.True(Validate(new SiloOptions { AdvertisedIP = "silo-one" }).Succeeded);
    }

    [Fact]
    public void Storage_FailsNamingTheKey_WhenPathIsBlank()
    {
        var validator = new StorageOptionsValidator();
        var options = new StorageOptions { Path = " " };
        validator.PostConfigure(null, options);

        Assert.Equal("Storage:Path must be a directory path (got ' ').", Assert.Single(validator.Validate(null, options).Failures!));
    }

    private const string StrongSecret = "0123456789abcdef0123456789abcdef0123456789abcdef";

    /// <summary>Cluster mode; without a connection string, so each result also holds that (unrelated) failure.</summary>
    private static SiloOptions Cluster(string? secret) => new() { Mode = SiloOptions.PostgresMode, ClusterSecret = secret };

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(SiloOptions options)
    {
        var validator = new SiloOptionsValidator();
        validator.PostConfigure(null, options);
        return validator.Validate(null, options);
    }
}
