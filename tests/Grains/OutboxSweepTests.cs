using Microsoft.Extensions.DependencyInjection;
using SessionService.Grains.Contracts;
using SessionService.Tests.Support;
using static SessionService.Tests.Support.GrainUsers;

namespace SessionService.Tests.Grains;

/// <summary>A revocation whose publish failed reaches the authority even when its user's silo dies before the retry succeeds.</summary>
public sealed class OutboxSweepTests : IDisposable
{
    private readonly TempDirectory _storage = new();
    private readonly PublishFaults _publish = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task UndeliveredLogout_IsPublished_AfterTheOnlySiloIsKilledAndANewOneStarts()
    {
        await using var cluster = TestClusters.Build(1, TestClusters.NewClock(), _storage.Path,
            configure: silo => silo.Services.AddSingleton<IIncomingGrainCallFilter>(_publish));
        await cluster.DeployAsync();
        var user = await CreateAsync(cluster.Client);
        var session = await LoginOkAsync(user);

        _publish.Failing = true;
        Assert.Equal(1, await user.LogoutWithRefreshTokenAsync(session.RefreshToken));
        await cluster.KillSiloAsync(cluster.GetActiveSilos().Single());
        _publish.Failing = false;
        var grains = (await cluster.StartAdditionalSiloAsync()).ServiceProvider.GetRequiredService<IGrainFactory>();

        var authority = grains.GetGrain<IRevocationAuthorityGrain>(RevocationAuthority.Id);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!(await authority.GetRevocationsAsync()).Any(e => e.SubjectId == session.SessionId))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), "the logout's revocation never reached the authority");
            await Task.Delay(100);
        }

        Assert.Equal(0, await grains.GetGrain<IOutboxSweepGrain>(IOutboxSweepGrain.Id).SweepAsync());
    }
}
