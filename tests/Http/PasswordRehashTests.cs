using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using SessionService.Grains;
using SessionService.Grains.Users;
using SessionService.Grains.Contracts;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>A hash made with weaker settings (fewer iterations) is replaced on the next successful login.</summary>
[Collection(ApiCollection.Name)]
public sealed class PasswordRehashTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Login_ReplacesAWeakHash_KeepingSessions()
    {
        var (name, user, weakHash) = await UserWithWeakHashAsync();
        var before = await Client.LoginOkAsync(name);
        var upgraded = await StoredHashAsync(user);
        Assert.NotEqual(weakHash, upgraded);
        Assert.Equal(PasswordVerificationResult.Success, Hasher.VerifyHashedPassword(new PasswordOwner(), upgraded, ApiCalls.Password));

        var wrong = await Client.LoginAsync(name, "wrong-password-123");
        await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(HttpStatusCode.OK, (await Client.RefreshAsync(before.Str("refresh_token"))).StatusCode);
        await Client.LoginOkAsync(name);
        Assert.Equal(upgraded, await StoredHashAsync(user));
    }

    [Fact]
    public async Task WrongPassword_LeavesAWeakHashAsItIs()
    {
        var (name, user, weakHash) = await UserWithWeakHashAsync();

        await (await Client.LoginAsync(name, "wrong-password-123")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");

        Assert.Equal(weakHash, await StoredHashAsync(user));
    }

    private IPasswordHasher<PasswordOwner> Hasher => fixture.Factory.Services.GetRequiredService<IPasswordHasher<PasswordOwner>>();

    private async Task<string> StoredHashAsync(IUserGrain user) => (await GrainUsers.StoredAsync(fixture.Factory.Services, user)).PasswordHash;

    /// <summary>A user whose stored hash has half the iterations this node hashes with, as if Passwords:Iterations had been raised since.</summary>
    private async Task<(string Name, IUserGrain Grain, string WeakHash)> UserWithWeakHashAsync()
    {
        var (name, id) = await Client.NewUserAsync();
        var grain = fixture.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(id);
        var iterations = fixture.Factory.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount / 2;
        var weak = new PasswordHasher<PasswordOwner>(Options.Create(new PasswordHasherOptions { IterationCount = iterations }))
            .HashPassword(new PasswordOwner(), ApiCalls.Password);
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Hasher.VerifyHashedPassword(new PasswordOwner(), weak, ApiCalls.Password));

        // Stored as an older release would have left it.
        var storage = fixture.Factory.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions);
        var stored = new GrainState<UserState>();
        await storage.ReadStateAsync("user", grain.GetGrainId(), stored);
        stored.State = stored.State! with { PasswordHash = weak };
        await storage.WriteStateAsync("user", grain.GetGrainId(), stored);
        await fixture.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        return (name, grain, weak);
    }
}
