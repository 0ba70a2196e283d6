using System.Collections.Immutable;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Users;

namespace SessionService.Tests.Support;

/// <summary>Drives user grains directly, as the API does.</summary>
public static class GrainUsers
{
    public static readonly ClientInfo Client = new("127.0.0.1", "tests");

    /// <summary>The password of every user made here.</summary>
    public const string Password = "grain-test-password-1";

    /// <summary>Hashes as the test silos are configured to (<see cref="TestClusters"/>): few iterations, so tests stay fast.</summary>
    public static readonly PasswordHasher<PasswordOwner> Hasher = new(Options.Create(new PasswordHasherOptions { IterationCount = TestClusters.PasswordIterations }));

    public static async Task<IUserGrain> CreateAsync(IGrainFactory grains, string? username = null)
    {
        var id = Ids.NewUserId();
        var name = username ?? "user-" + id[..8];
        Assert.True(await grains.GetGrain<IUsernameGrain>(Usernames.Normalize(name)).TryClaimAsync(id));
        var user = grains.GetGrain<IUserGrain>(id);
        Assert.Equal(name, (await user.CreateAsync(new NewUser(name, Hasher.HashPassword(new PasswordOwner(), Password), ["member"]))).Username);
        return user;
    }

    public static async Task<LoginResult> LoginAsync(IUserGrain user, string? device = null, bool passwordValid = true)
    {
        var result = await user.LoginAsync(new PasswordLogin(passwordValid ? Password : "not-the-password", device, null, Client));
        Assert.NotNull(result);
        return result;
    }

    public static async Task<IssuedSession> LoginOkAsync(IUserGrain user, string? device = null)
    {
        var result = await LoginAsync(user, device);
        Assert.Equal(LoginOutcome.Success, result.Outcome);
        return result.Session!;
    }

    public static async Task<string> RefreshOkAsync(IUserGrain user, string token)
    {
        var result = await user.RefreshAsync(token, Client);
        Assert.Equal(RefreshOutcome.Success, result?.Outcome);
        return result!.Session!.RefreshToken;
    }

    /// <summary>A refresh's result; the user must exist.</summary>
    public static async Task<RefreshResult> RefreshResultAsync(IUserGrain user, string token)
    {
        var result = await user.RefreshAsync(token, Client);
        Assert.NotNull(result);
        return result;
    }

    /// <summary>The user's sessions; the user must exist.</summary>
    public static async Task<ImmutableArray<SessionView>> SessionsAsync(IUserGrain user)
    {
        var sessions = await user.ListSessionsAsync();
        Assert.NotNull(sessions);
        return sessions.Value;
    }

    /// <summary>The user's state as storage holds it (no grain answers with a password hash); the user must exist.</summary>
    public static async Task<UserState> StoredAsync(IServiceProvider silo, IUserGrain user)
    {
        var stored = new GrainState<UserState>();
        await silo.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions).ReadStateAsync("user", user.GetGrainId(), stored);
        Assert.True(stored.State?.Exists, "no stored user");
        return stored.State!;
    }
}
