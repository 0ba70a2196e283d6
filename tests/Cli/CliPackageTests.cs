using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using SessionService.Tests.Support;

namespace SessionService.Tests.Cli;

/// <summary><c>dotnet pack cli</c> makes a .NET tool package that installs as <c>sessionctl</c>.</summary>
public sealed class CliPackageTests : IDisposable
{
    private readonly TempDirectory _output = new();

    public void Dispose() => _output.Dispose();

    [Fact]
    public async Task Pack_MakesAToolPackage_NamedSessionctl_WithItsDependencies()
    {
        // --no-build packs the build this test run already made, so the test costs seconds, not a compile.
        var project = Path.Combine(Repository.Root, "cli", "SessionService.Cli.csproj");
        using var pack = Process.Start(new ProcessStartInfo("dotnet", ["pack", project, "--no-build", "-c", Repository.BuildConfiguration, "-o", _output.Path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = pack.StandardOutput.ReadToEndAsync();
        var errors = pack.StandardError.ReadToEndAsync();
        await pack.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(pack.ExitCode == 0, await output + await errors);

        using var package = ZipFile.OpenRead(Assert.Single(Directory.GetFiles(_output.Path, "*.nupkg")));
        var files = package.Entries.Select(e => e.FullName).ToList();
        var nuspec = Read(package, Assert.Single(files, f => f.EndsWith(".nuspec", StringComparison.Ordinal)));
        var command = Read(package, "tools/net10.0/any/DotnetToolSettings.xml").Descendants("Command").Single();

        Assert.Equal("SessionService.Cli", nuspec.Descendants().Single(e => e.Name.LocalName == "id").Value);
        Assert.Equal("DotnetTool", nuspec.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value);
        Assert.Equal("sessionctl", command.Attribute("Name")?.Value);
        Assert.Contains("tools/net10.0/any/" + command.Attribute("EntryPoint")?.Value, files);
        Assert.Contains("tools/net10.0/any/System.CommandLine.dll", files);
    }

    private static XDocument Read(ZipArchive package, string name)
    {
        using var stream = package.GetEntry(name)!.Open();
        return XDocument.Load(stream);
    }
}
