using System.Net;
using Microsoft.Extensions.Time.Testing;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Metrics;

/// <summary>Makes every event the dashboard charts happen once: counters and histograms appear in /metrics after their first measurement.</summary>
internal static class DashboardEvents
{
    public static async Task HappenAsync(HttpClient client, FakeTimeProvider clock)
    {
        var (name, _) = await client.NewUserAsync();
        var login = await client.LoginOkAsync(name);
        await client.LoginAsync(name, "wrong-password-123");
        Assert.Equal(HttpStatusCode.OK, (await client.ValidateAsync(login.Str("access_token"))).StatusCode);
        await client.ValidateAsync("a.b.c");
        Assert.Equal(HttpStatusCode.OK, (await client.RefreshAsync(login.Str("refresh_token"))).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(31));
        await (await client.RefreshAsync(login.Str("refresh_token"))).AssertProblemAsync(HttpStatusCode.Unauthorized, "obsolete_refresh_token");
        await Eventually.ProblemAsync(() => client.ValidateAsync(login.Str("access_token")), "obsolete_token");
        await client.GetAsync("/gateway/verify", null);
        await client.GetAsync("/routes/verify", null);
    }
}
