using System.Collections.Immutable;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Tests.Support;

namespace SessionService.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class RouteTokenGrainTests(GrainClusterFixture fixture)
{
    private static readonly ClientInfo Client = new("203.0.113.7", "route-tests");

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Use_GrantsExactlyMaxUses_UnderConcurrentCalls()
    {
        var route = await IssueAsync(maxUses: 5);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => route.UseAsync(Client))));

        Assert.Equal(5, results.Count(r => r.Outcome == RouteUseOutcome.Granted));
        Assert.Equal(35, results.Count(r => r.Outcome == RouteUseOutcome.UsedUp));
        Assert.Equal(5, (await route.GetAsync())!.Uses);
    }

    [Fact]
    public async Task Use_GrantsNoExtraUse_AfterDeactivation()
    {
        var route = await IssueAsync(maxUses: 2);
        Assert.Equal(RouteUseOutcome.Granted, (await route.UseAsync(Client)).Outcome);
        Assert.Equal(RouteUseOutcome.Granted, (await route.UseAsync(Client)).Outcome);

        await fixture.Cluster.DeactivateAsync(route);

        var after = await route.UseAsync(Client);
        Assert.Equal(RouteUseOutcome.UsedUp, after.Outcome);
        Assert.Equal(2, after.Token!.Uses);
    }

    [Fact]
    public async Task Use_RecordsClientAndTime_NewestFirstAndBounded()
    {
        var route = await IssueAsync(maxUses: null);
        for (var i = 0; i < 105; i++)
        {
            Assert.Equal(RouteUseOutcome.Granted, (await route.UseAsync(new ClientInfo($"198.51.100.{i}", "agent"))).Outcome);
        }

        var view = (await route.GetAsync())!;
        Assert.Equal(105, view.Uses);
        Assert.Equal(100, view.RecentUses.Length);
        Assert.Equal("198.51.100.104", view.RecentUses[0].Ip);
        Assert.Equal("agent", view.RecentUses[0].UserAgent);
        Assert.Equal(fixture.Clock.GetUtcNow(), view.RecentUses[0].At);
    }

    [Fact]
    public async Task Use_IsRefused_WhenRevokedExpiredOrUnknown()
    {
        var revoked = await IssueAsync(maxUses: null);
        Assert.True(await revoked.RevokeAsync());
        Assert.Equal(RouteUseOutcome.Revoked, (await revoked.UseAsync(Client)).Outcome);
        await fixture.Cluster.DeactivateAsync(revoked);
        Assert.Equal(RouteUseOutcome.Revoked, (await revoked.UseAsync(Client)).Outcome);

        var expiring = await IssueAsync(maxUses: null, lifetime: TimeSpan.FromHours(2));
        var expiresAt = (await expiring.GetAsync())!.ExpiresAt;
        Assert.True(fixture.Clock.GetUtcNow() < expiresAt);
        Assert.Equal(RouteUseOutcome.Granted, (await expiring.UseAsync(Client)).Outcome);

        var unknown = Grains.GetGrain<IRouteTokenGrain>(Ids.NewSessionId());
        Assert.Equal(RouteUseOutcome.Unknown, (await unknown.UseAsync(Client)).Outcome);
        Assert.False(await unknown.RevokeAsync());
        Assert.Null(await unknown.GetAsync());
    }

    [Fact]
    public async Task Use_IsRefused_OnceExpired()
    {
        // Issued already past its expiry on the shared clock, which other tests must not see move.
        var route = await IssueAsync(maxUses: null, lifetime: TimeSpan.FromSeconds(-1));
        Assert.Equal(RouteUseOutcome.Expired, (await route.UseAsync(Client)).Outcome);
    }

    [Fact]
    public async Task Use_ActingAsIssuer_Works_WhileIssuerStands()
    {
        var user = await GrainUsers.CreateAsync(Grains);
        var route = await IssueAsync(maxUses: null, issuer: user, stamp: await user.GetSecurityStampAsync());

        var result = await route.UseAsync(Client);

        Assert.Equal(RouteUseOutcome.Granted, result.Outcome);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("disabled")]
    [InlineData("deleted")]
    public async Task Use_ActingAsIssuer_IsRefused_WhenIssuerChanged(string change)
    {
        var user = await GrainUsers.CreateAsync(Grains);
        var route = await IssueAsync(maxUses: null, issuer: user, stamp: await user.GetSecurityStampAsync());
        Assert.Equal(RouteUseOutcome.Granted, (await route.UseAsync(Client)).Outcome);

        _ = change switch
        {
            "password" => (object?)await user.ResetPasswordAsync("another-long-password-2"),
            "disabled" => await user.SetDisabledAsync(true),
            _ => await user.DeleteAsync(),
        };

        Assert.Equal(RouteUseOutcome.IssuerGone, (await route.UseAsync(Client)).Outcome);
        if (change == "disabled")
        {
            await user.SetDisabledAsync(false);
            Assert.Equal(RouteUseOutcome.Granted, (await route.UseAsync(Client)).Outcome);
        }
    }

    [Fact]
    public async Task Issue_Throws_WhenIdAlreadyHoldsAToken()
    {
        var route = await IssueAsync(maxUses: 1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => route.IssueAsync(Token("someone", null, null)));
    }

    [Fact]
    public async Task Index_ListsNewestFirst_AndForgetsRemoved()
    {
        var index = Grains.GetGrain<IRouteIndexGrain>(Ids.NewUserId());
        var later = fixture.Clock.GetUtcNow().AddHours(1);
        await index.AddAsync("a", later);
        await index.AddAsync("b", later);
        await index.AddAsync("c", fixture.Clock.GetUtcNow().AddSeconds(-1));
        await index.RemoveAsync("a");
        await index.AddAsync("d", later);

        Assert.Equal(["d", "b"], (await index.ListAsync()).ToArray());
    }

    private NewRouteToken Token(string owner, IUserGrain? issuer, string? stamp, TimeSpan? lifetime = null, int? maxUses = null) => new(
        issuer?.GetPrimaryKeyString() ?? owner, "owner", "GET", "/files/a.txt", ImmutableSortedDictionary<string, string>.Empty,
        issuer is not null, stamp, fixture.Clock.GetUtcNow() + (lifetime ?? TimeSpan.FromHours(1)), maxUses);

    private async Task<IRouteTokenGrain> IssueAsync(int? maxUses, TimeSpan? lifetime = null, IUserGrain? issuer = null, string? stamp = null)
    {
        var route = Grains.GetGrain<IRouteTokenGrain>(Ids.NewSessionId());
        await route.IssueAsync(Token(Ids.NewUserId(), issuer, stamp, lifetime, maxUses));
        return route;
    }
}
