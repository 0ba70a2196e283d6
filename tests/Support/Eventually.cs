using System.Diagnostics;

namespace SessionService.Tests.Support;

/// <summary>
/// For the contract's "within one second" promise about revocation reaching every node: polls until the
/// expected problem code appears and fails if it takes longer than the promise allows.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Promise = TimeSpan.FromSeconds(1);

    public static async Task<TimeSpan> ProblemAsync(Func<Task<HttpResponseMessage>> call, string code)
    {
        var watch = Stopwatch.StartNew();
        string? last = null;
        do
        {
            last = await (await call()).CodeAsync();
            if (last == code)
            {
                return watch.Elapsed;
            }

            await Task.Delay(20);
        }
        while (watch.Elapsed < Promise);

        Assert.Fail($"expected '{code}' within {Promise}, last answer was '{last}'");
        return watch.Elapsed;
    }

    /// <summary>Polls until the call answers <paramref name="status"/>, failing after the promise.</summary>
    public static async Task StatusAsync(Func<Task<HttpResponseMessage>> call, System.Net.HttpStatusCode status)
    {
        var watch = Stopwatch.StartNew();
        System.Net.HttpStatusCode last;
        do
        {
            last = (await call()).StatusCode;
            if (last == status)
            {
                return;
            }

            await Task.Delay(20);
        }
        while (watch.Elapsed < Promise);

        Assert.Fail($"expected {status} within {Promise}, last answer was {last}");
    }
}
