using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using SessionService.Silo;
using SessionService.Tests.Support;

namespace SessionService.Tests.Unit;

public sealed class SiloOptionsTests
{
    [Fact]
    public void IdleGrainAge_BecomesOrleansCollectionAge()
    {
        using var storage = new TempDirectory();
        var options = SiloServices(storage, ("Orleans:IdleGrainAge", "00:07:00")).GetRequiredService<IOptions<GrainCollectionOptions>>();

        Assert.Equal(TimeSpan.FromMinutes(7), options.Value.CollectionAge);
    }

    [Fact]
    public void IdleGrainAge_DefaultsToFifteenMinutes()
    {
        using var storage = new TempDirectory();
        var options = SiloServices(storage).GetRequiredService<IOptions<GrainCollectionOptions>>();

        Assert.Equal(TimeSpan.FromMinutes(15), options.Value.CollectionAge);
    }

    [Theory]
    [InlineData("00:01:00")]
    [InlineData("00:00:05")]
    public void IdleGrainAge_IsRefused_WhenNotLongerThanOneMinute(string age)
    {
        using var storage = new TempDirectory();
        var error = Assert.Throws<OptionsValidationException>(() => SiloServices(storage, ("Orleans:IdleGrainAge", age)));

        Assert.Contains("Orleans:IdleGrainAge", error.Message);
    }

    private static IServiceProvider SiloServices(TempDirectory storage, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))
            .Append(KeyValuePair.Create("Storage:Path", (string?)storage.Path)));
        builder.UseOrleans(silo => silo.AddSessionSilo(builder.Configuration));
        return builder.Build().Services;
    }
}
