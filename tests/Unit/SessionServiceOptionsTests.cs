using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionService.Grains;
using SessionService.Silo;
using SessionService.Tests.Support;

namespace SessionService.Tests.Unit;

public sealed class SessionServiceOptionsTests
{
    [Fact]
    public void AddSessionOptions_BindsOnce_WhenRegisteredTwice()
    {
        var configuration = Configuration(("Auth:SigningKeyFiles:0", "a.pem"), ("Auth:SigningKeyFiles:1", "b.pem"), ("Auth:SigningAlgorithm", "ES256"));
        var services = new ServiceCollection().AddSessionOptions(configuration).AddSessionOptions(configuration);

        using var provider = services.BuildServiceProvider();

        Assert.Equal(["a.pem", "b.pem"], provider.GetRequiredService<IOptions<AuthOptions>>().Value.SigningKeyFiles);
        Assert.Single(provider.GetServices<IValidateOptions<AuthOptions>>().OfType<AuthOptionsValidator>());
        Assert.Single(provider.GetServices<IValidateOptions<SiloOptions>>());
    }

    [Fact]
    public void Read_ThrowsNamingTheKey_WhenModeIsUnknown()
    {
        var error = Assert.Throws<OptionsValidationException>(() => SessionServiceOptions.Read<SiloOptions>(Configuration(("Orleans:Mode", "cluster"))));

        Assert.Equal("Orleans:Mode must be 'embedded' or 'postgres' (got 'cluster').", Assert.Single(error.Failures));
    }

    [Fact]
    public void Read_ResolvesStoragePathAgainstWorkingDirectory()
    {
        var storage = SessionServiceOptions.Read<StorageOptions>(Configuration(("Storage:Path", "./some-data")));

        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "some-data"), storage.Path);
    }

    [Fact]
    public void Read_ParsesAdvertisedAddressAndConnectionString_InPostgresMode()
    {
        var orleans = SessionServiceOptions.Read<SiloOptions>(Configuration(
            ("Orleans:Mode", "postgres"), ("Orleans:AdvertisedIP", "10.1.2.3"), ("ConnectionStrings:Orleans", "Host=db"),
            ("Orleans:ClusterSecret", "0123456789abcdef0123456789abcdef")));

        Assert.Equal(System.Net.IPAddress.Parse("10.1.2.3"), orleans.AdvertisedAddress);
        Assert.Equal("Host=db", orleans.PostgresConnectionString);
    }

    [Fact]
    public void AuthOptions_FailNamingKeyEncryptionSecret_WhenPostgresModeHasNone()
    {
        using var provider = new ServiceCollection()
            .AddSessionOptions(Configuration(("Orleans:Mode", "postgres"), ("ConnectionStrings:Orleans", "Host=db"),
                ("Orleans:ClusterSecret", "0123456789abcdef0123456789abcdef")))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AuthOptions>>().Value);

        Assert.Contains("Auth:KeyEncryptionSecret must be set", Assert.Single(error.Failures));
    }

    [Fact]
    public void AuthOptions_AreValid_WhenEmbeddedModeHasNoKeyEncryptionSecret()
    {
        using var storage = new TempDirectory();
        using var provider = new ServiceCollection().AddSessionOptions(Configuration(("Storage:Path", storage.Path))).BuildServiceProvider();

        Assert.Null(provider.GetRequiredService<IOptions<AuthOptions>>().Value.KeyEncryptionSecret);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
