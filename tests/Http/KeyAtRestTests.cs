using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using SessionService.Api.Tokens;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

public sealed class KeyAtRestTests : IDisposable
{
    private readonly TempDirectory _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task KeyRingPrivateKeys_AreNotInTheDatabaseInTheClear()
    {
        byte[] privateScalar;
        await using (var factory = new ApiFactory(_storage.Path))
        {
            var client = factory.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            var signing = (ECDsaSecurityKey)factory.Services.GetRequiredService<SigningKeys>().Signing.Key;
            privateScalar = signing.ECDsa.ExportParameters(includePrivateParameters: true).D!;
        }

        var database = Directory.GetFiles(_storage.Path, "sessions.db*").SelectMany(File.ReadAllBytes).ToArray();
        Assert.NotEmpty(database);
        Assert.True(database.AsSpan().IndexOf(privateScalar) < 0, "the private key is stored in the clear");
        var keyFile = Path.Combine(_storage.Path, "key-encryption.key");
        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }
}
