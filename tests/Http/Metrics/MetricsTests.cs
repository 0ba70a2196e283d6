using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Metrics;

/// <summary><c>GET /metrics</c> answers Prometheus text whose counters move by exactly what each test did.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests(MetricsNode node) : IClassFixture<MetricsNode>
{
    private HttpClient Client => node.Client;

    [Fact]
    public async Task Logins_CountOneSuccessAndEachFailureUnderItsCode()
    {
        var (name, _) = await Client.NewUserAsync();
        var before = await node.ScrapeAsync();

        await Client.LoginOkAsync(name);
        await (await Client.LoginAsync(name, "wrong-password-123")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await Client.LoginAsync("nobody-" + Guid.NewGuid().ToString("N")[..8], "wrong-password-123")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");

        var after = await node.ScrapeAsync();
        Assert.Equal(1, Delta(before, after, "session_logins_total", ("outcome", "success"), ("code", "ok")));
        Assert.Equal(2, Delta(before, after, "session_logins_total", ("outcome", "failure"), ("code", "invalid_credentials")));
        Assert.Equal(0, Delta(before, after, "session_logins_total", ("code", "account_locked")));
    }

    [Fact]
    public async Task Refreshes_CountEachOutcome_AndAReuseIsDetectedOnce()
    {
        var (name, _) = await Client.NewUserAsync();
        var first = (await Client.LoginOkAsync(name)).Str("refresh_token");
        var before = await node.ScrapeAsync();

        Assert.Equal(HttpStatusCode.OK, (await Client.RefreshAsync(first)).StatusCode);
        node.Node.Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        await (await Client.RefreshAsync(first)).AssertProblemAsync(HttpStatusCode.Unauthorized, "obsolete_refresh_token");
        await (await Client.RefreshAsync("not-a-refresh-token")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");

        var after = await node.ScrapeAsync();
        Assert.Equal(1, Delta(before, after, "session_refreshes_total", ("outcome", "success")));
        Assert.Equal(1, Delta(before, after, "session_refreshes_total", ("outcome", "obsolete")));
        Assert.Equal(1, Delta(before, after, "session_refreshes_total", ("outcome", "invalid")));
        Assert.Equal(1, Delta(before, after, "session_refresh_reuse_detections_total"));
    }

    [Fact]
    public async Task Validations_CountPassesAndFailuresByCode()
    {
        var (name, _) = await Client.NewUserAsync();
        var access = (await Client.LoginOkAsync(name)).Str("access_token");
        var before = await node.ScrapeAsync();

        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(access)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.ValidateAsync(access)).StatusCode);
        await (await Client.ValidateAsync("a.b.c")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");

        var after = await node.ScrapeAsync();
        Assert.Equal(2, Delta(before, after, "session_validations_total", ("outcome", "success"), ("code", "ok")));
        Assert.Equal(1, Delta(before, after, "session_validations_total", ("outcome", "failure"), ("code", "invalid_token")));
    }

    [Fact]
    public async Task Logout_PublishesOneRevocation_AndTheLagHistogramGetsOneSample()
    {
        var (name, _) = await Client.NewUserAsync();
        var login = await Client.LoginOkAsync(name);
        var before = await node.ScrapeAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync("/auth/logout", new { refresh_token = login.Str("refresh_token") })).StatusCode);
        await Eventually.ProblemAsync(() => Client.ValidateAsync(login.Str("access_token")), "obsolete_token");

        var after = await node.ScrapeUntilAsync(s => Delta(before, s, "session_revocation_apply_lag_seconds_count") > 0);
        Assert.Equal(1, Delta(before, after, "session_revocation_apply_lag_seconds_count"));
        Assert.Equal(1, Delta(before, after, "session_revocations_published_total", ("kind", "session")));
        Assert.Equal(1, Delta(before, after, "session_revocation_apply_lag_seconds_bucket", ("le", "+Inf")));
        var lag = Delta(before, after, "session_revocation_apply_lag_seconds_sum");
        Assert.InRange(lag, 0, Eventually.Promise.TotalSeconds);
    }

    [Fact]
    public async Task GatewayAndRouteVerifications_CountRefusalsByCode()
    {
        var before = await node.ScrapeAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync("/gateway/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync("/routes/verify", null)).StatusCode);

        var after = await node.ScrapeAsync();
        Assert.Equal(1, Delta(before, after, "session_gateway_verifications_total", ("outcome", "refuse"), ("code", "no_token")));
        Assert.Equal(1, Delta(before, after, "session_route_verifications_total", ("outcome", "failure"), ("code", "invalid_route_token")));
    }

    [Fact]
    public async Task StorageWritesAndGroupCommits_AreMeasured_AndOrleansCountsActivations()
    {
        var (name, _) = await Client.NewUserAsync();
        var before = await node.ScrapeAsync();

        await Client.LoginOkAsync(name);

        var after = await node.ScrapeAsync();
        Assert.True(Delta(before, after, "session_storage_write_duration_seconds_count", ("outcome", "success")) >= 1, "no storage write measured for a login");
        Assert.True(Delta(before, after, "session_storage_group_commit_batch_size_count") >= 1, "no group-commit batch measured for a login");
        Assert.True(after.Sum("orleans_catalog_activations") >= 1, "Orleans' activation gauge is missing");
    }

    private static double Delta(PrometheusText before, PrometheusText after, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);
}
