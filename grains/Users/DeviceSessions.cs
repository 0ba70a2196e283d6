using System.Collections.Immutable;
using System.Security.Cryptography;
using SessionService.Grains.Contracts;
using SessionService.Grains.Tokens;

namespace SessionService.Grains.Users;

/// <summary>
/// The rules of a user's set of device sessions: one session per device, at most
/// <c>Auth:MaxSessionsPerUser</c> of them (a new login evicts the least recently used), expired ones
/// dropped whenever a session starts. Pure: the user grain applies the result.
/// </summary>
public static class DeviceSessions
{
    /// <summary>
    /// Starts a session for <paramref name="device"/> (a new device id when null), generation 1 of a new
    /// lineage, its tokens in <paramref name="format"/> (a WordPress token carries <paramref name="userNumber"/>).
    /// </summary>
    public static StartedSession Start(
        ImmutableList<DeviceSession> sessions, string userId, string? device, string? deviceName, ClientInfo client,
        DateTimeOffset now, AuthOptions auth, RefreshTokenFormat format = RefreshTokenFormat.Native, long userNumber = 0)
    {
        device ??= Ids.NewDeviceId();
        var live = sessions.RemoveAll(s => s.IsPurged(now));
        var replaced = live.Where(s => s.Device == device).ToList();
        live = live.RemoveAll(replaced.Contains);
        // One slot is kept free for the session being started; expired sessions kept for their answer go first.
        var evicted = live.OrderBy(s => s.ExpiresAt > now).ThenBy(s => s.LastUsedAt)
            .Take(Math.Max(0, live.Count - auth.MaxSessionsPerUser + 1)).ToList();
        live = live.RemoveAll(evicted.Contains);

        var sessionId = Ids.NewSessionId();
        var lineageKey = RandomNumberGenerator.GetBytes(RefreshToken.LineageKeyBytes);
        var token = SessionRefreshTokens.Mint(format, userId, userNumber, sessionId, 1, lineageKey);
        var absoluteExpiry = now + auth.SessionAbsoluteLifetime;
        var session = new DeviceSession
        {
            SessionId = sessionId,
            Device = device,
            DeviceName = deviceName,
            LineageKey = lineageKey,
            Generation = 1,
            CurrentHash = RefreshToken.Hash(token),
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = Min(now + auth.RefreshTokenLifetime, absoluteExpiry),
            AbsoluteExpiresAt = absoluteExpiry,
            Ip = client.Ip,
            UserAgent = client.UserAgent,
            Format = format,
        };

        return new StartedSession(live.Add(session), session, token, [.. replaced.Concat(evicted).Select(s => s.SessionId)]);
    }

    public static DeviceSession? FindById(ImmutableList<DeviceSession> sessions, string sessionId) =>
        sessions.Find(s => s.SessionId == sessionId);

    /// <summary>The unexpired session of <paramref name="device"/>; an expired one is as good as gone.</summary>
    public static DeviceSession? FindLiveByDevice(ImmutableList<DeviceSession> sessions, string device, DateTimeOffset now) =>
        sessions.Find(s => s.Device == device && s.ExpiresAt > now);

    /// <summary>The unexpired sessions, most recently used first.</summary>
    public static ImmutableArray<SessionView> Listed(ImmutableList<DeviceSession> sessions, DateTimeOffset now) =>
        [.. sessions.Where(s => s.ExpiresAt > now).OrderByDescending(s => s.LastUsedAt).Select(s => s.ToView())];

    /// <summary>The WordPress slot's session of <paramref name="device"/>, expired or not, unless purged.</summary>
    public static DeviceSession? FindSlot(ImmutableList<DeviceSession> sessions, string device, DateTimeOffset now) =>
        sessions.Find(s => s.Device == device && s.Format == RefreshTokenFormat.WordPress && !s.IsPurged(now));

    public static ImmutableList<DeviceSession> Remove(ImmutableList<DeviceSession> sessions, IReadOnlyCollection<DeviceSession> removed) =>
        sessions.RemoveAll(removed.Contains);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
