using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>A rotation must not strand service tokens: JWKS keeps their key for as long as one can live.</summary>
public sealed class ServiceTokenKeyTests : IDisposable
{
    private readonly TempDirectory _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task Jwks_KeepsARetiredKey_UntilTheLongestServiceTokenItSignedHasExpired()
    {
        await using var factory = new ApiFactory(_storage.Path);
        var client = factory.CreateClient();
        var admin = await client.AdminTokenAsync();
        var issued = await client.PostAsync("/admin/tokens", new { expires_in = 86400 }, admin);
        var kid = new JsonWebToken((await issued.JsonAsync()).Str("token")).Kid;

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/admin/keys/rotate", bearer: admin)).StatusCode);
        factory.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(29));
        admin = await client.AdminTokenAsync();
        await client.PostAsync("/admin/keys/rotate", bearer: admin);
        var whileAlive = await JwksKidsAsync(client);

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        admin = await client.AdminTokenAsync();
        await client.PostAsync("/admin/keys/rotate", bearer: admin);
        var afterExpiry = await JwksKidsAsync(client);

        Assert.Contains(kid, whileAlive);
        Assert.DoesNotContain(kid, afterExpiry);
    }

    private static async Task<List<string>> JwksKidsAsync(HttpClient client) =>
        (await (await client.GetAsync("/.well-known/jwks.json")).JsonAsync()).GetProperty("keys").EnumerateArray().Select(k => k.Str("kid")).ToList();
}
