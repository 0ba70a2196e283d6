using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

/// <summary>
/// One user: profile, password hash, lockout and every device session with its refresh-token rotation
/// state. Keyed by user id. The only writer of that state, so every rotation decision is made here.
/// </summary>
/// <remarks>
/// "No such user" (never created, or deleted) has one answer: every method but <see cref="CreateAsync"/>
/// returns <c>null</c>, and changes nothing. A null answer means that and nothing else; every other
/// outcome has its own value.
/// </remarks>
[Alias("IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the user under this grain's id and returns its profile. User ids are fresh random values, so
    /// an id that already holds a user is a caller's bug: it throws <see cref="InvalidOperationException"/>.
    /// </summary>
    [Alias("Create")]
    Task<UserView> CreateAsync(NewUser user);

    /// <summary>Also gives a user stored before numbers existed its number, when the sequence answers.</summary>
    [Alias("GetProfile")]
    Task<UserView?> GetProfileAsync();

    /// <summary>Edits profile fields and replaces or clears the custom claims (already validated); answers the profile after the change.</summary>
    [Alias("Patch")]
    Task<UserView?> PatchAsync(UserPatch patch);

    /// <summary>
    /// A value that changes with the password, for things issued in the user's name (route tokens acting as
    /// them); null when the user is gone or disabled. Derived one way from the stored hash, never the hash.
    /// </summary>
    [Alias("GetSecurityStamp")]
    Task<string?> GetSecurityStampAsync();

    /// <summary>
    /// Checks the password against the stored hash (a locked account checks none) and, when it is right,
    /// starts a session. The check runs on this grain's turn, so one user's logins and refreshes queue
    /// behind it; other users' do not.
    /// </summary>
    [Alias("PasswordLogin")]
    Task<LoginResult?> LoginAsync(PasswordLogin login);

    [Alias("Refresh")]
    Task<RefreshResult?> RefreshAsync(string refreshToken, ClientInfo client);

    /// <summary>A WordPress JWT Auth refresh token for a device slot; Obsolete, Invalid and Expired as that plugin decides them.</summary>
    [Alias("UseSlotToken")]
    Task<RefreshResult?> UseSlotTokenAsync(SlotTokenUse use);

    /// <summary>Revokes the session the refresh token belongs to, if the token is authentic; answers how many sessions it revoked.</summary>
    [Alias("LogoutWithRefreshToken")]
    Task<int?> LogoutWithRefreshTokenAsync(string refreshToken);

    /// <summary>The unexpired sessions, most recently used first.</summary>
    [Alias("ListSessions")]
    Task<ImmutableArray<SessionView>?> ListSessionsAsync();

    /// <summary>Answers how many sessions it revoked: 0 when the device has no unexpired session.</summary>
    [Alias("RevokeDevice")]
    Task<int?> RevokeDeviceAsync(string device);

    /// <summary>Answers how many sessions it revoked: 0 when there is no such session.</summary>
    [Alias("RevokeSession")]
    Task<int?> RevokeSessionAsync(string sessionId);

    /// <summary>Answers how many sessions it revoked.</summary>
    [Alias("RevokeAllSessions")]
    Task<int?> RevokeAllSessionsAsync(string? keepSessionId);

    /// <summary>A wrong current password counts toward the lockout, as a failed login does.</summary>
    [Alias("ChangeOwnPassword")]
    Task<PasswordChangeVerdict?> ChangePasswordAsync(PasswordChangeAttempt request);

    /// <summary>
    /// An operator's reset (the recovery command): a new password, no current one asked, every session
    /// revoked and every lockout counter cleared.
    /// </summary>
    [Alias("ResetPassword")]
    Task<PasswordChangeVerdict?> ResetPasswordAsync(string newPassword);

    /// <summary>Clears every lockout counter; answers the profile.</summary>
    [Alias("ClearLockouts")]
    Task<UserView?> ClearLockoutsAsync();

    /// <summary>Publishes revocations not yet acknowledged, also of a deleted user; true when none remain.</summary>
    [Alias("DeliverRevocations")]
    Task<bool> DeliverRevocationsAsync();

    /// <summary>Answers the profile after the change.</summary>
    [Alias("SetDisabled")]
    Task<UserView?> SetDisabledAsync(bool disabled);

    /// <summary>Answers the profile the user had.</summary>
    [Alias("Delete")]
    Task<UserView?> DeleteAsync();

    /// <summary>Newest first.</summary>
    [Alias("GetLoginAttempts")]
    Task<ImmutableArray<LoginAttempt>?> GetLoginAttemptsAsync();
}
