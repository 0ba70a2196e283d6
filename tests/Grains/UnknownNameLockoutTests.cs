using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SessionService.Grains;
using SessionService.Grains.Users;
using SessionService.Grains.Contracts;
using static SessionService.Tests.Support.GrainUsers;

namespace SessionService.Tests.Grains;

/// <summary>
/// A name no user holds locks out exactly as a real account does, lockout after lockout, also when its
/// grain leaves memory between attempts, so <c>Retry-After</c> never tells the two apart.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class UnknownNameLockoutTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task RecordUnknownLoginFailure_GivesTheRealAccountsRetryAfterSequence_AcrossDeactivations()
    {
        var user = await CreateAsync(Grains);
        var unknown = Grains.GetGrain<IUsernameGrain>(Usernames.Normalize("nobody-" + Ids.NewUserId()[..8]));
        var real = new List<TimeSpan?>();
        var fake = new List<TimeSpan?>();

        for (var lockout = 0; lockout < 4; lockout++)
        {
            real.AddRange(await AttemptsAsync(() => RealAttemptAsync(user)));
            fake.AddRange(await AttemptsAsync(() => unknown.RecordUnknownLoginFailureAsync(Client)));
            await DeactivateAsync(unknown.GetGrainId());
            fixture.Clock.Advance(TimeSpan.FromSeconds(10));
            real.Add(await RealAttemptAsync(user));
            fake.Add(await unknown.RecordUnknownLoginFailureAsync(Client));
            fixture.Clock.Advance(real[^1] ?? TimeSpan.Zero);
        }

        Assert.Equal(
            [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(10),
             TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(4) - TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(8) - TimeSpan.FromSeconds(10)],
            real.OfType<TimeSpan>());
        Assert.Equal(real, fake);
    }

    [Fact]
    public async Task UnknownNameRow_IsStoredFromTheFirstFailure_AndDroppedOnceOlderThanTheLongestLockout()
    {
        var name = Grains.GetGrain<IUsernameGrain>(Usernames.Normalize("nobody-" + Ids.NewUserId()[..8]));
        Assert.Null(await name.GetUserIdAsync());
        Assert.Null(await ReadStoredAsync(name));

        await AttemptsAsync(() => name.RecordUnknownLoginFailureAsync(Client));
        Assert.Equal(1, (await ReadStoredAsync(name))?.Lockouts.Counters.Single().Value.Lockouts);

        fixture.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromHours(1));
        await DeactivateAsync(name.GetGrainId());
        Assert.Null(await name.GetUserIdAsync());

        Assert.Null(await ReadStoredAsync(name));
    }

    private async Task<UsernameState?> ReadStoredAsync(IUsernameGrain name)
    {
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions);
        var state = new GrainState<UsernameState>();
        await storage.ReadStateAsync("username", name.GetGrainId(), state);
        return state.RecordExists ? state.State : null;
    }

    /// <summary>Five failures and a sixth attempt that finds the lock.</summary>
    private static async Task<List<TimeSpan?>> AttemptsAsync(Func<Task<TimeSpan?>> attempt)
    {
        var answers = new List<TimeSpan?>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await attempt());
        }

        return answers;
    }

    private static async Task<TimeSpan?> RealAttemptAsync(IUserGrain user)
    {
        var result = await LoginAsync(user, passwordValid: false);
        return result.Outcome == LoginOutcome.Locked ? result.RetryAfter : null;
    }

    private async Task DeactivateAsync(GrainId grain)
    {
        // Orleans collects grains idle longer than the collection age; forced down here, so this takes real time.
        var management = Grains.GetGrain<IManagementGrain>(0);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while ((await management.GetActiveGrains(grain.Type)).Contains(grain))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "the idle grain was not collected");
            await Task.Delay(100);
            await management.ForceActivationCollection(TimeSpan.FromMilliseconds(50));
        }
    }
}
