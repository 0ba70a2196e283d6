using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Users;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>
/// A user whose stored hash came from WordPress (made here by PHP) logs in with the old password; that login
/// stores our hash in its place, and the old password keeps working against it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LegacyPasswordLoginTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Theory]
    [InlineData("phpass")]
    [InlineData("wp-bcrypt")]
    [InlineData("bcrypt")]
    public async Task LegacyHash_LogsIn_AndIsReplacedByOurs(string format)
    {
        var legacy = format switch
        {
            "phpass" => Php.Phpass(ApiCalls.Password),
            "wp-bcrypt" => Php.WordPressBcrypt(ApiCalls.Password),
            _ => Php.Bcrypt(ApiCalls.Password),
        };
        var (name, user) = await UserWithStoredHashAsync(legacy);

        await (await Client.LoginAsync(name, "wrong-password-123")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(legacy, await StoredHashAsync(user));

        var first = await Client.LoginOkAsync(name);
        var ours = await StoredHashAsync(user);
        Assert.NotEqual(legacy, ours);
        Assert.Equal(PasswordVerificationResult.Success, Hasher.VerifyHashedPassword(new PasswordOwner(), ours, ApiCalls.Password));

        await Client.LoginOkAsync(name);
        Assert.Equal(ours, await StoredHashAsync(user));
        await (await Client.LoginAsync(name, "wrong-password-123")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        // Not a password change: the session of the first login stays.
        Assert.Equal(HttpStatusCode.OK, (await Client.RefreshAsync(first.Str("refresh_token"))).StatusCode);
    }

    private IPasswordHasher<PasswordOwner> Hasher => fixture.Factory.Services.GetRequiredService<IPasswordHasher<PasswordOwner>>();

    private async Task<string> StoredHashAsync(IUserGrain user) => (await GrainUsers.StoredAsync(fixture.Factory.Services, user)).PasswordHash;

    /// <summary>A user whose stored hash is <paramref name="hash"/>, as an import of WordPress's users leaves it.</summary>
    private async Task<(string Name, IUserGrain Grain)> UserWithStoredHashAsync(string hash)
    {
        var (name, id) = await Client.NewUserAsync();
        var grains = fixture.Factory.Services.GetRequiredService<IGrainFactory>();
        var grain = grains.GetGrain<IUserGrain>(id);
        var storage = fixture.Factory.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions);
        var stored = new GrainState<UserState>();
        await storage.ReadStateAsync("user", grain.GetGrainId(), stored);
        stored.State = stored.State! with { PasswordHash = hash };
        await storage.WriteStateAsync("user", grain.GetGrainId(), stored);
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(hash, await StoredHashAsync(grain));
        return (name, grain);
    }
}
