using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>The node the tests of <see cref="DefaultClaimsTests"/> share.</summary>
public sealed class DefaultClaimsNode() : SharedNode(new Dictionary<string, string?>
{
    ["Auth:DefaultClaims:tenant"] = "acme",
    ["Auth:DefaultClaims:region"] = "eu",
});

/// <summary><c>Auth:DefaultClaims</c> on a node of its own: in every access token, under the user's own claims.</summary>
public sealed class DefaultClaimsTests(DefaultClaimsNode fixture) : IClassFixture<DefaultClaimsNode>
{
    private readonly OwnNode _node = fixture.Node;

    /// <summary>A client of this test's own (its own cookies), on the shared node.</summary>
    private HttpClient Client { get; } = fixture.Node.Factory.CreateClient();

    [Fact]
    public async Task DefaultClaims_AreInEveryAccessToken_AndAUsersOwnClaimOverridesOne()
    {
        var admin = await Client.AdminTokenAsync();
        var (name, id) = await Client.NewUserAsync();
        var plain = UserPatches.Payload((await Client.LoginOkAsync(name)).Str("access_token"));

        await Client.PatchUserAsync(id, new { claims = new { tenant = "globex" } }, admin);
        var login = await Client.LoginOkAsync(name);
        var refreshed = await (await Client.RefreshAsync(login.Str("refresh_token"))).JsonAsync();
        var validated = await (await Client.ValidateAsync(refreshed.Str("access_token"))).JsonAsync();

        Assert.Equal("acme", plain.Str("tenant"));
        Assert.Equal("eu", plain.Str("region"));
        Assert.Equal("acme", UserPatches.Payload(admin).Str("tenant"));
        foreach (var payload in new[] { UserPatches.Payload(login.Str("access_token")), UserPatches.Payload(refreshed.Str("access_token")) })
        {
            Assert.Equal("globex", payload.Str("tenant"));
            Assert.Equal("eu", payload.Str("region"));
        }

        Assert.Equal("globex", validated.GetProperty("claims").Str("tenant"));
    }

    [Fact]
    public async Task UserClaims_MustFitBesideTheDefaults_CountingAnOverriddenDefaultOnce()
    {
        var admin = await Client.AdminTokenAsync();
        var (_, id) = await Client.NewUserAsync();
        var nearlyAll = new string('x', 2015); // alone or in place of the tenant it fits; beside tenant and region it does not

        var beside = await Client.PatchUserAsync(id, new { claims = new { note = nearlyAll } }, admin);
        var overriding = await Client.PatchUserAsync(id, new { claims = new { tenant = nearlyAll } }, admin);

        await beside.AssertProblemAsync(System.Net.HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("Auth:DefaultClaims", (await beside.JsonAsync()).Str("detail"));
        Assert.Equal(System.Net.HttpStatusCode.OK, overriding.StatusCode);
    }
}
