using System.Collections.Immutable;

namespace SessionService.Grains.Users;

/// <summary>
/// A new device session: the user's sessions with it added, its first refresh token, and the sessions it
/// pushed out (same device, or over the cap) whose access tokens must now be revoked.
/// </summary>
public sealed record StartedSession(
    ImmutableList<DeviceSession> Sessions,
    DeviceSession Session,
    string RefreshToken,
    ImmutableArray<string> RevokedSessionIds);
