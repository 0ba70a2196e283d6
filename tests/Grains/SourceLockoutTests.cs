using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Users;
using static SessionService.Tests.Support.GrainUsers;

namespace SessionService.Tests.Grains;

/// <summary>
/// Failed logins lock the place they come from, not the account: guessing cannot keep a user out. Many
/// places share one counter past a bound, and a device holding a live session always gets through.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class SourceLockoutTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task FailuresFromOneAddress_LockThatAddress_NotTheAccount()
    {
        var user = await CreateAsync(Grains);
        await FailAsync(user, "198.51.100.7", times: 5);

        Assert.Equal(LoginOutcome.Locked, (await LoginFromAsync(user, "198.51.100.7")).Outcome);
        Assert.Equal(LoginOutcome.Success, (await LoginFromAsync(user, "203.0.113.9")).Outcome);
    }

    [Fact]
    public async Task AnIpv6Client_IsCountedByItsSlash64()
    {
        var user = await CreateAsync(Grains);
        for (var i = 1; i <= 5; i++)
        {
            await FailAsync(user, $"2001:db8:1:2::{i}", times: 1);
        }

        Assert.Equal(LoginOutcome.Locked, (await LoginFromAsync(user, "2001:db8:1:2:ffff:ffff:ffff:ffff")).Outcome);
        Assert.Equal(LoginOutcome.Success, (await LoginFromAsync(user, "2001:db8:1:3::1")).Outcome);
    }

    [Fact]
    public async Task ADeviceWithALiveSession_LogsIn_FromAnAddressThatIsLocked()
    {
        var user = await CreateAsync(Grains);
        var device = (await LoginFromAsync(user, "198.51.100.20", device: "laptop")).Session!;
        var current = await RefreshOkAsync(user, device.RefreshToken);
        await FailAsync(user, "198.51.100.20", times: 5);

        Assert.Equal(LoginOutcome.Locked, (await LoginFromAsync(user, "198.51.100.20")).Outcome);
        Assert.Equal(LoginOutcome.Locked, (await LoginFromAsync(user, "198.51.100.20", proof: device.RefreshToken)).Outcome);
        Assert.Equal(LoginOutcome.Success, (await LoginFromAsync(user, "198.51.100.20", device: "laptop", proof: current)).Outcome);
    }

    [Fact]
    public async Task PastTheBoundOfSources_NewAddressesShareOneCounter_WhileAFamiliarAddressKeepsItsOwn()
    {
        var user = await CreateAsync(Grains);
        Assert.Equal(LoginOutcome.Success, (await LoginFromAsync(user, "192.0.2.200")).Outcome);
        for (var i = 0; i < LoginLockouts.MaxSources; i++)
        {
            await FailAsync(user, $"198.51.100.{i}", times: 1);
        }

        for (var i = 0; i < 5; i++)
        {
            await FailAsync(user, $"203.0.113.{i}", times: 1);
        }

        Assert.Equal(LoginOutcome.Locked, (await LoginFromAsync(user, "203.0.113.250")).Outcome);
        Assert.Equal(LoginOutcome.Success, (await LoginFromAsync(user, "192.0.2.200")).Outcome);
        Assert.Equal(LoginOutcome.InvalidCredentials, (await LoginFromAsync(user, "198.51.100.0", password: "not-the-password")).Outcome);
    }

    [Fact]
    public async Task AnUnknownName_CountsPerAddress_AsARealAccountDoes()
    {
        var unknown = Grains.GetGrain<IUsernameGrain>(Usernames.Normalize("nobody-" + Ids.NewUserId()[..8]));
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await unknown.RecordUnknownLoginFailureAsync(new ClientInfo("198.51.100.7", "tests")));
        }

        Assert.NotNull(await unknown.RecordUnknownLoginFailureAsync(new ClientInfo("198.51.100.7", "tests")));
        Assert.Null(await unknown.RecordUnknownLoginFailureAsync(new ClientInfo("203.0.113.9", "tests")));
    }

    [Fact]
    public async Task ASourcesHistory_IsKeptOneSecondBeforeTheLongestLockoutHasPassed_AndForgottenAfter()
    {
        var user = await CreateAsync(Grains);
        await FailAsync(user, "198.51.100.30", times: 5); // locked 1 min: the history lasts 1 min + 1 h
        fixture.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        await FailAsync(user, "198.51.100.30", times: 5);
        Assert.Equal(TimeSpan.FromMinutes(2), (await LoginFromAsync(user, "198.51.100.30")).RetryAfter);

        var fresh = await CreateAsync(Grains);
        await FailAsync(fresh, "198.51.100.30", times: 5);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromHours(1));
        await FailAsync(fresh, "198.51.100.30", times: 5);
        Assert.Equal(TimeSpan.FromMinutes(1), (await LoginFromAsync(fresh, "198.51.100.30")).RetryAfter);
    }

    private static async Task FailAsync(IUserGrain user, string ip, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.Equal(LoginOutcome.InvalidCredentials, (await LoginFromAsync(user, ip, password: "not-the-password")).Outcome);
        }
    }

    private static async Task<LoginResult> LoginFromAsync(IUserGrain user, string ip, string password = Password, string? device = null, string? proof = null)
    {
        var result = await user.LoginAsync(new PasswordLogin(password, device, null, new ClientInfo(ip, "tests"), RefreshToken: proof));
        Assert.NotNull(result);
        return result;
    }
}
