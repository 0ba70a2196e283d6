using Microsoft.AspNetCore.Identity;
using SessionService.Api.Users;
using SessionService.Grains;
using SessionService.Grains.Users;
using SessionService.Grains.Contracts;
using static SessionService.Tests.Support.GrainUsers;

namespace SessionService.Tests.Grains;

/// <summary>
/// Creating claims the name before the user grain exists, and deleting clears the user before releasing
/// the name: a failure between the two steps must not leave a name that is taken forever.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class UsernameRecoveryTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private UserAccounts Accounts => new(Grains, new Passwords(new PasswordHasher<PasswordOwner>()));

    private static string NewName() => "name-" + Ids.NewUserId()[..8];

    [Fact]
    public async Task CreateAsync_TakesTheName_WhenAnEarlierCreateClaimedItAndFailedBeforeTheUserExisted()
    {
        var name = NewName();
        Assert.True(await Grains.GetGrain<IUsernameGrain>(Usernames.Normalize(name)).TryClaimAsync(Ids.NewUserId()));
        // The failed create never gets further; once it cannot still be under way, the name is free again.
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));

        var (outcome, user, _) = await Accounts.CreateAsync(name, "a long enough passphrase 1", []);

        Assert.Equal(CreateUserOutcome.Created, outcome);
        Assert.Equal(user!.Id, await Grains.GetGrain<IUsernameGrain>(Usernames.Normalize(name)).GetUserIdAsync());
        Assert.Equal(name, (await Grains.GetGrain<IUserGrain>(user.Id).GetProfileAsync())?.Username);
    }

    [Fact]
    public async Task CreateAsync_IsUsernameTaken_WhileAnotherCreateOfTheNameMayStillBeUnderWay()
    {
        var name = NewName();
        Assert.True(await Grains.GetGrain<IUsernameGrain>(Usernames.Normalize(name)).TryClaimAsync(Ids.NewUserId()));

        var (outcome, _, _) = await Accounts.CreateAsync(name, "a long enough passphrase 1", []);

        Assert.Equal(CreateUserOutcome.UsernameTaken, outcome);
    }

    [Fact]
    public async Task CreateAsync_IsUsernameTaken_WhenTheNamesUserExists()
    {
        var name = NewName();
        await CreateAsync(Grains, name);
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));

        var (outcome, _, _) = await Accounts.CreateAsync(name, "a long enough passphrase 1", []);

        Assert.Equal(CreateUserOutcome.UsernameTaken, outcome);
    }

    [Fact]
    public async Task CreateAsync_TakesTheName_WhenADeleteClearedTheUserButFailedBeforeReleasingIt()
    {
        var name = NewName();
        var (_, first, _) = await Accounts.CreateAsync(name, "a long enough passphrase 1", []);
        var username = Grains.GetGrain<IUsernameGrain>(Usernames.Normalize(name));
        Assert.NotNull(await Grains.GetGrain<IUserGrain>(first!.Id).DeleteAsync());
        // The delete's last step, as if it never ran: the name is held again by the deleted user.
        Assert.True(await username.TryClaimAsync(first.Id));
        Assert.True(await username.ConfirmAsync(first.Id));

        var (outcome, second, _) = await Accounts.CreateAsync(name, "a long enough passphrase 2", []);

        Assert.Equal(CreateUserOutcome.Created, outcome);
        Assert.NotEqual(first.Id, second!.Id);
        Assert.Equal(second.Id, await username.GetUserIdAsync());
    }

    [Fact]
    public async Task ReleaseAsync_IsIdempotent_AndLeavesAnotherUsersClaim()
    {
        var name = NewName();
        var user = await CreateAsync(Grains, name);
        var username = Grains.GetGrain<IUsernameGrain>(Usernames.Normalize(name));

        await username.ReleaseAsync("someone-else");
        Assert.Equal(user.GetPrimaryKeyString(), await username.GetUserIdAsync());
        await username.ReleaseAsync(user.GetPrimaryKeyString());
        await username.ReleaseAsync(user.GetPrimaryKeyString());

        Assert.Null(await username.GetUserIdAsync());
    }
}
