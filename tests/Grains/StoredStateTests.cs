using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Tokens;
using SessionService.Grains.Users;
using static SessionService.Tests.Support.GrainUsers;

namespace SessionService.Tests.Grains;

/// <summary>What the database actually holds for a user: hashes only, and a sealed successor only during the grace window.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class StoredStateTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task StoredState_HoldsOnlyHashes_AndDropsTheSealedSuccessorWhenGraceCloses()
    {
        var user = await CreateAsync(fixture.Grains);
        var previous = (await LoginOkAsync(user, "phone")).RefreshToken;
        var current = await RefreshOkAsync(user, previous);

        var (raw, state) = await ReadStoredAsync(user);
        var phone = state.Sessions.Single(s => s.Device == "phone");
        Assert.Equal(RefreshToken.Hash(current), phone.CurrentHash);
        Assert.Equal(RefreshToken.Hash(previous), phone.PreviousHash);
        Assert.NotNull(phone.SealedSuccessor);
        foreach (var secret in new[] { current, previous, current.Split('.')[3], previous.Split('.')[3] })
        {
            Assert.False(raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0, "a refresh token is stored in the clear");
        }

        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await LoginOkAsync(user, "laptop"); // any later write of the grain

        var (_, later) = await ReadStoredAsync(user);
        Assert.Null(later.Sessions.Single(s => s.Device == "phone").SealedSuccessor);
        Assert.Equal(RefreshOutcome.Success, (await user.RefreshAsync(current, Client))?.Outcome);
    }

    /// <summary>The database file's bytes, and the user's state as the storage provider reads it back from there.</summary>
    private async Task<(byte[] Raw, UserState State)> ReadStoredAsync(IUserGrain user)
    {
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions);
        var state = new GrainState<UserState>();
        await storage.ReadStateAsync("user", user.GetGrainId(), state);
        var raw = Directory.GetFiles(fixture.StoragePath, "sessions.db*").SelectMany(File.ReadAllBytes).ToArray();
        return (raw, state.State!);
    }
}
