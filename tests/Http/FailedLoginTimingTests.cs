using System.Diagnostics;
using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>
/// Every failed login is answered no sooner than Auth:FailedLoginMinimumDuration, so a locked real account
/// and a locked unknown name (and a wrong password and an unknown name) answer in the same time.
/// </summary>
public sealed class FailedLoginTimingTests : IAsyncLifetime
{
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(200);
    private const int Samples = 8;
    private readonly OwnNode _node = new(new Dictionary<string, string?> { ["Auth:FailedLoginMinimumDuration"] = "00:00:00.200" });

    private HttpClient Client => _node.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _node.DisposeAsync().AsTask();

    [Fact]
    public async Task LockedRealAndUnknownNames_AndWrongPasswords_AllTakeTheFloor_AndTheirMediansAgree()
    {
        var (real, _) = await Client.NewUserAsync();
        var unknown = "nobody-" + Guid.NewGuid().ToString("N")[..8];

        var wrongReal = await TimeAsync(real, "wrong-password-1", Samples, HttpStatusCode.Unauthorized); // the fifth locks
        var wrongUnknown = await TimeAsync(unknown, "wrong-password-1", Samples, HttpStatusCode.Unauthorized);
        var lockedReal = await TimeAsync(real, "wrong-password-1", Samples, HttpStatusCode.Locked);
        var lockedUnknown = await TimeAsync(unknown, "wrong-password-1", Samples, HttpStatusCode.Locked);

        Assert.All(wrongReal.Concat(wrongUnknown).Concat(lockedReal).Concat(lockedUnknown), t => Assert.True(t >= Floor, $"answered after {t}"));
        Assert.True(Math.Abs((Median(lockedReal) - Median(lockedUnknown)).TotalMilliseconds) < 40,
            $"locked: real {Median(lockedReal)}, unknown {Median(lockedUnknown)}");
        Assert.True(Math.Abs((Median(wrongReal) - Median(wrongUnknown)).TotalMilliseconds) < 40,
            $"wrong password: real {Median(wrongReal)}, unknown {Median(wrongUnknown)}");
    }

    [Fact]
    public async Task ASuccessfulLogin_IsNotHeldBack()
    {
        var (name, _) = await Client.NewUserAsync();
        await Client.LoginOkAsync(name);

        var watch = Stopwatch.StartNew();
        await Client.LoginOkAsync(name);

        Assert.True(watch.Elapsed < Floor, $"a successful login took {watch.Elapsed}");
    }

    /// <summary>Answer times of <paramref name="count"/> logins; the first 5 failures of a name answer 401, later ones 423.</summary>
    private async Task<List<TimeSpan>> TimeAsync(string name, string password, int count, HttpStatusCode expected)
    {
        var times = new List<TimeSpan>();
        while (times.Count < count)
        {
            var watch = Stopwatch.StartNew();
            var response = await Client.LoginAsync(name, password);
            var elapsed = watch.Elapsed;
            if (response.StatusCode == expected)
            {
                times.Add(elapsed);
            }
            else if (expected == HttpStatusCode.Unauthorized)
            {
                // Locked before enough wrong passwords were sampled: lift it by letting the lockout pass.
                _node.Factory.Clock.Advance(TimeSpan.FromHours(2));
            }
        }

        return times;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);
}
