using System.Collections.Immutable;
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
        Assert.Equal(name, (await user.CreateAsync(new NewUser(name, "not-a-real-hash", ["member"]))).Username);
        return user;
    }

    public static async Task<LoginResult> LoginAsync(IUserGrain user, string? device = null, bool passwordValid = true)
    {
        var ticket = await user.BeginLoginAsync();
        Assert.NotNull(ticket);
        var result = await user.CompleteLoginAsync(new LoginCompletion(passwordValid, ticket.SecurityStamp, device, null, Client));
        Assert.NotNull(result);
        return result;
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
        Assert.Equal(RefreshOutcome.Success, result?.Outcome);
        return result!.Session!.RefreshToken;
    }

    /// <summary>A refresh's result; the user must exist.</summary>
    public static async Task<RefreshResult> RefreshResultAsync(IUserGrain user, string token)
    {
        var result = await user.RefreshAsync(token, Client);
        Assert.NotNull(result);
        return result;
    }

    /// <summary>The user's sessions; the user must exist.</summary>
    public static async Task<ImmutableArray<SessionView>> SessionsAsync(IUserGrain user)
    {
        var sessions = await user.ListSessionsAsync();
        Assert.NotNull(sessions);
        return sessions.Value;
    }

    /// <summary>The user's security stamp, as the API reads it before checking a password; the user must exist.</summary>
    public static async Task<LoginTicket> TicketAsync(IUserGrain user)
    {
        var ticket = await user.BeginLoginAsync();
        Assert.NotNull(ticket);
        return ticket;
    }
}
