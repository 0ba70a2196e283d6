using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionService.Api.Users;
using SessionService.Grains.Contracts;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>A hash made with weaker settings (fewer iterations) is replaced on the next successful login.</summary>
[Collection(ApiCollection.Name)]
public sealed class PasswordRehashTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Login_ReplacesAWeakHash_KeepingStampAndSessions()
    {
        var (name, user, weakHash) = await UserWithWeakHashAsync();
        var stamp = (await GrainUsers.TicketAsync(user)).SecurityStamp;

        var wrong = await Client.LoginAsync(name, "wrong-password-123");
        await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(weakHash, (await GrainUsers.TicketAsync(user)).PasswordHash);

        var first = await Client.LoginOkAsync(name);
        var ticket = await GrainUsers.TicketAsync(user);
        Assert.NotEqual(weakHash, ticket.PasswordHash);
        Assert.Equal(PasswordVerificationResult.Success, Hasher.VerifyHashedPassword(new PasswordOwner(), ticket.PasswordHash, ApiCalls.Password));
        Assert.Equal(stamp, ticket.SecurityStamp);

        Assert.Equal(HttpStatusCode.OK, (await Client.RefreshAsync(first.Str("refresh_token"))).StatusCode);
        await Client.LoginOkAsync(name);
        Assert.Equal(ticket.PasswordHash, (await GrainUsers.TicketAsync(user)).PasswordHash);
    }

    private IPasswordHasher<PasswordOwner> Hasher => fixture.Factory.Services.GetRequiredService<IPasswordHasher<PasswordOwner>>();

    private async Task<(string Name, IUserGrain Grain, string WeakHash)> UserWithWeakHashAsync()
    {
        var (name, id) = await Client.NewUserAsync();
        var grain = fixture.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(id);
        // Half the iterations this node hashes with, as if Passwords:Iterations had been raised since.
        var iterations = fixture.Factory.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount / 2;
        var weak = new PasswordHasher<PasswordOwner>(Options.Create(new PasswordHasherOptions { IterationCount = iterations }))
            .HashPassword(new PasswordOwner(), ApiCalls.Password);
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Hasher.VerifyHashedPassword(new PasswordOwner(), weak, ApiCalls.Password));
        Assert.Equal(PasswordChangeOutcome.Changed, await grain.ChangePasswordAsync((await GrainUsers.TicketAsync(grain)).SecurityStamp, weak, keepSessionId: null));
        return (name, grain, weak);
    }
}
