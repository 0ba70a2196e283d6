using SessionService.Grains.Contracts;
using SessionService.Tests.Support;
using static SessionService.Tests.Support.GrainUsers;

namespace SessionService.Tests.Grains;

/// <summary>A change counts once storage has it; a revocation, once written, reaches the authority.</summary>
[Collection(FaultClusterCollection.Name)]
public sealed class WritePathFaultTests(FaultClusterFixture fixture) : IDisposable
{
    private IGrainFactory Grains => fixture.Grains;

    public void Dispose()
    {
        fixture.Storage.WritesFail = false;
        fixture.Storage.ReadsFail = false;
        fixture.Publish.Failing = false;
    }

    [Fact]
    public async Task RefreshWhoseWriteFailed_IsForgotten_SoItsRetryRotatesAgainAndThatRotationIsStored()
    {
        var user = await CreateAsync(Grains);
        var token = (await LoginOkAsync(user)).RefreshToken;

        fixture.Storage.WritesFail = true;
        await Assert.ThrowsAnyAsync<Exception>(() => user.RefreshAsync(token, Client));
        fixture.Storage.WritesFail = false;

        // Before the fix the retry got the unsaved successor from memory, which no restart knew.
        var successor = await RefreshOkAsync(user, token);
        await fixture.CollectActivationsAsync();
        await RefreshOkAsync(user, successor);
    }

    [Fact]
    public async Task LoginWhoseWriteFailed_LeavesNoSessionBehind()
    {
        var user = await CreateAsync(Grains);

        fixture.Storage.WritesFail = true;
        await Assert.ThrowsAnyAsync<Exception>(() => user.LoginAsync(new PasswordLogin(Password, "phone", null, Client)));
        fixture.Storage.WritesFail = false;

        Assert.Empty(await SessionsAsync(user));
    }

    [Fact]
    public async Task GrainWhoseStorageCannotBeRead_FailsItsCalls_AndServesAgainOnceItCan()
    {
        var user = await CreateAsync(Grains);
        var token = (await LoginOkAsync(user)).RefreshToken;
        fixture.Storage.WritesFail = true;
        await Assert.ThrowsAnyAsync<Exception>(() => user.RefreshAsync(token, Client));
        fixture.Storage.WritesFail = false;

        fixture.Storage.ReadsFail = true;
        await Assert.ThrowsAnyAsync<Exception>(() => user.RefreshAsync(token, Client));
        fixture.Storage.ReadsFail = false;

        await RefreshOkAsync(user, token);
    }

    [Fact]
    public async Task LogoutWhosePublishFailed_IsAcknowledged_AndReachesTheAuthorityOnceItTakesPublishesAgain()
    {
        var user = await CreateAsync(Grains);
        var session = await LoginOkAsync(user);

        fixture.Publish.Failing = true;
        Assert.Equal(1, await user.LogoutWithRefreshTokenAsync(session.RefreshToken));
        Assert.DoesNotContain(await RevokedSessionIdsAsync(), id => id == session.SessionId);
        // A retried logout finds no session: only the outbox still knows about this revocation.
        Assert.Equal(0, await user.LogoutWithRefreshTokenAsync(session.RefreshToken));

        fixture.Publish.Failing = false;
        await WithinAsync(TimeSpan.FromSeconds(2), async () => (await RevokedSessionIdsAsync()).Contains(session.SessionId));
    }

    [Fact]
    public async Task DeleteWhosePublishFailed_StillBlocksTheUser_OnceTheAuthorityTakesPublishesAgain()
    {
        var user = await CreateAsync(Grains);
        var session = await LoginOkAsync(user);
        var userId = user.GetPrimaryKeyString();

        fixture.Publish.Failing = true;
        Assert.NotNull(await user.DeleteAsync());
        Assert.Null(await user.GetProfileAsync());

        fixture.Publish.Failing = false;
        await WithinAsync(TimeSpan.FromSeconds(2), async () =>
        {
            var revocations = await Authority.GetRevocationsAsync();
            return revocations.Any(e => e.Kind == RevocationKind.UserBlocked && e.SubjectId == userId)
                && revocations.Any(e => e.Kind == RevocationKind.Session && e.SubjectId == session.SessionId);
        });
    }

    [Fact]
    public async Task OutboxPublishedTwice_IsKeptOnceByTheAuthority()
    {
        var entry = new RevocationEntry(RevocationKind.Session, SessionService.Grains.Ids.NewSessionId(), fixture.Clock.GetUtcNow().AddHours(1));

        await Authority.PublishAsync([entry]);
        await Authority.PublishAsync([entry]);

        Assert.Single(await Authority.GetRevocationsAsync(), e => e.SubjectId == entry.SubjectId);
    }

    private IRevocationAuthorityGrain Authority => Grains.GetGrain<IRevocationAuthorityGrain>(RevocationAuthority.Id);

    private async Task<List<string>> RevokedSessionIdsAsync() =>
        [.. (await Authority.GetRevocationsAsync()).Where(e => e.Kind == RevocationKind.Session).Select(e => e.SubjectId)];

    private static async Task WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < limit, $"not true within {limit}");
            await Task.Delay(50);
        }
    }
}
