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
        var result = Validate(new SiloOptions { Mode = SiloOptions.PostgresMode });

        Assert.Equal("ConnectionStrings:Orleans must be set when Orleans:Mode is 'postgres'.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_FailsNamingAdvertisedIP_WhenPostgresModeHasBadAddress()
    {
        var result = Validate(new SiloOptions { Mode = SiloOptions.PostgresMode, AdvertisedIP = "silo-one" });

        Assert.Contains("Orleans:AdvertisedIP ('silo-one') is not an IP address.", result.Failures!);
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

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(SiloOptions options)
    {
        var validator = new SiloOptionsValidator();
        validator.PostConfigure(null, options);
        return validator.Validate(null, options);
    }
}
