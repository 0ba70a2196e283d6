using System.Net;
using SessionService.Silo;
using SessionService.Silo.Storage;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>The data directory holds password hashes, sealed keys and (by default) the key-encryption key: owner only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataDirectoryTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly TempDirectory _parent = new();

    public void Dispose() => _parent.Dispose();

    [Fact]
    public async Task Start_CreatesTheDataDirectoryOwnerOnly_AndItsFilesOwnerReadWrite()
    {
        var data = Path.Combine(_parent.Path, "data");
        await using var factory = new ApiFactory(data);
        var client = factory.CreateClient();
        var (name, _) = await client.NewUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(name)).StatusCode);

        AssertPrivate(data);
    }

    [Fact]
    public async Task Start_TightensADataDirectoryAndFilesThatWereWorldReadable()
    {
        var data = Path.Combine(_parent.Path, "data");
        await using (var first = new ApiFactory(data))
        {
            await first.CreateClient().NewUserAsync();
        }

        var everyoneReads = OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(data, OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        foreach (var file in Directory.GetFiles(data))
        {
            File.SetUnixFileMode(file, everyoneReads);
        }

        await using var second = new ApiFactory(data);
        await second.CreateClient().NewUserAsync();

        AssertPrivate(data);
    }

    [Fact]
    public async Task Start_WarnsOnce_NamingTheKeyFileAndTheOption_WhenTheKeyEncryptionKeyIsInTheDataDirectory()
    {
        var data = Path.Combine(_parent.Path, "data");
        await using var factory = new ApiFactory(data);
        await factory.CreateClient().NewUserAsync();

        var warning = Assert.Single(factory.Logs.Lines, line => line.Contains(KeyEncryption.FileName));
        Assert.Contains(Path.Combine(data, KeyEncryption.FileName), warning);
        Assert.Contains("Auth:KeyEncryptionSecret", warning);
    }

    [Fact]
    public async Task Start_DoesNotWarn_WhenTheKeyEncryptionSecretIsConfigured()
    {
        var data = Path.Combine(_parent.Path, "data");
        await using var factory = new ApiFactory(data, new Dictionary<string, string?> { ["Auth:KeyEncryptionSecret"] = new string('k', 40) });
        await factory.CreateClient().NewUserAsync();

        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(KeyEncryption.FileName));
        Assert.False(File.Exists(Path.Combine(data, KeyEncryption.FileName)));
    }

    private static void AssertPrivate(string data)
    {
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(data));
        var files = Directory.GetFiles(data);
        Assert.Contains(Path.Combine(data, SqliteDatabase.FileName), files);
        Assert.Contains(Path.Combine(data, KeyEncryption.FileName), files);
        Assert.All(files, file => Assert.Equal((file, OwnerReadWrite), (file, File.GetUnixFileMode(file))));
    }
}
