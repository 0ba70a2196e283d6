using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

/// <summary>
/// One user: profile, password hash, lockout and every device session with its refresh-token rotation
/// state. Keyed by user id. The only writer of that state, so every rotation decision is made here.
/// </summary>
[Alias("IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<bool> CreateAsync(NewUser user);

    [Alias("GetProfile")]
    Task<UserView?> GetProfileAsync();

    [Alias("BeginLogin")]
    Task<LoginTicket> BeginLoginAsync();

    [Alias("CompleteLogin")]
    Task<LoginResult> CompleteLoginAsync(LoginCompletion completion);

    [Alias("Refresh")]
    Task<RefreshResult> RefreshAsync(string refreshToken, ClientInfo client);

    /// <summary>Revokes the session the refresh token belongs to, if the token is authentic.</summary>
    [Alias("LogoutWithRefreshToken")]
    Task LogoutWithRefreshTokenAsync(string refreshToken);

    [Alias("ListSessions")]
    Task<ImmutableArray<SessionView>> ListSessionsAsync();

    [Alias("RevokeDevice")]
    Task<bool> RevokeDeviceAsync(string device);

    [Alias("RevokeSession")]
    Task RevokeSessionAsync(string sessionId);

    [Alias("RevokeAllSessions")]
    Task RevokeAllSessionsAsync(string? keepSessionId);

    [Alias("ChangePassword")]
    Task<bool> ChangePasswordAsync(string expectedSecurityStamp, string newPasswordHash, string? keepSessionId);

    [Alias("SetDisabled")]
    Task<bool> SetDisabledAsync(bool disabled);

    [Alias("Delete")]
    Task<bool> DeleteAsync();

    [Alias("GetLoginAttempts")]
    Task<ImmutableArray<LoginAttempt>?> GetLoginAttemptsAsync();
}
