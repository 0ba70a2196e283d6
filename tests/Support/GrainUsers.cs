using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Tests.Support;

/// <summary>Drives user grains directly, as the API would after checking a password.</summary>
public static class GrainUsers
{
    public static readonly ClientInfo Client = new("127.0.0.1", "tests");

    public static async Task<IUserGrain> CreateAsync(IGrainFactory grains, string? username = null)
    {
        var id = Ids.NewUserId();
        var name = username ?? "user-" + id[..8];
        Assert.True(await grains.GetGrain<IUsernameGrain>(Usernames.Normalize(name)).TryClaimAsync(id));
        var user = grains.GetGrain<IUserGrain>(id);
        Assert.True(await user.CreateAsync(new NewUser(name, "not-a-real-hash", ["member"])));
        return user;
    }

    public static async Task<LoginResult> LoginAsync(IUserGrain user, string? device = null, bool passwordValid = true)
    {
        var ticket = await user.BeginLoginAsync();
        return await user.CompleteLoginAsync(new LoginCompletion(passwordValid, ticket.SecurityStamp, device, null, Client));
    }

    public static async Task<IssuedSession> LoginOkAsync(IUserGrain user, string? device = null)
    {
        var result = await LoginAsync(user, device);
        Assert.Equal(LoginOutcome.Success, result.Outcome);
        return result.Session!;
    }

    public static async Task<string> RefreshOkAsync(IUserGrain user, string token)
    {
        var result = await user.RefreshAsync(token, Client);
        Assert.Equal(RefreshOutcome.Success, result.Outcome);
        return result.Session!.RefreshToken;
    }
}
