using System.Collections.Immutable;
using System.Security.Cryptography;
using SessionService.Grains.Contracts;
using SessionService.Grains.Tokens;

namespace SessionService.Grains.Users;

/// <summary>
/// The refresh-token rotation rules. Every refresh turns the presented token into the session's previous
/// one and mints exactly one successor; the previous token inside the grace window is a retry (a lost
/// response, two tabs) and gets that same successor, kept sealed under the previous token for the
/// window; any other authentic old token is reuse and costs the session (RFC 9700 §4.14). A token is
/// only ever treated as this session's when its hash or its lineage tag proves it, so a made-up token
/// that merely names a session revokes nothing. Pure: the user grain loads, applies and stores.
/// </summary>
public static class RefreshRotationPolicy
{
    public static RefreshDecision Decide(
        DeviceSession session, RefreshToken parsed, string presented, ClientInfo client, DateTimeOffset now, AuthOptions auth)
    {
        var match = Match(session, parsed, presented);
        if (match == TokenMatch.Unknown)
        {
            return RefreshDecision.Invalid;
        }

        if (session.ExpiresAt <= now)
        {
            return new RefreshDecision(RefreshVerdict.Expired, session);
        }

        if (match == TokenMatch.Current)
        {
            return Rotate(session, parsed, presented, client, now, auth);
        }

        if (match == TokenMatch.Previous && now - session.RotatedAt < auth.RefreshReuseGrace
            && session.SealedSuccessor is { } sealedSuccessor
            && SuccessorSeal.Open(sealedSuccessor, presented) is { } successor)
        {
            return new RefreshDecision(RefreshVerdict.Retry, session, successor);
        }

        return new RefreshDecision(RefreshVerdict.Reuse, session, RotationsAgo: session.Generation - parsed.Generation);
    }

    /// <summary>True for the session's current token while the session lasts: proof that the caller holds that device session.</summary>
    public static bool IsCurrent(DeviceSession session, RefreshToken parsed, string presented, DateTimeOffset now) =>
        session.ExpiresAt > now && Match(session, parsed, presented) == TokenMatch.Current;

    /// <summary>True for any token this session ever issued: current, previous, or older under its lineage key.</summary>
    public static bool IsAuthentic(DeviceSession session, RefreshToken parsed, string presented) =>
        Match(session, parsed, presented) != TokenMatch.Unknown;

    /// <summary>
    /// Once a grace window closes its sealed successor goes, so from then on only hashes remain. Returns
    /// <paramref name="sessions"/> itself when no window has closed.
    /// </summary>
    public static ImmutableList<DeviceSession> WithoutClosedSuccessors(ImmutableList<DeviceSession> sessions, DateTimeOffset now, TimeSpan grace)
    {
        bool Closed(DeviceSession s) => s.SealedSuccessor is not null && now - s.RotatedAt >= grace;
        return sessions.Any(Closed)
            ? [.. sessions.Select(s => Closed(s) ? s with { SealedSuccessor = null } : s)]
            : sessions;
    }

    /// <summary>When the earliest grace window still holding a sealed successor closes; null when none does.</summary>
    public static DateTimeOffset? NextWindowClose(IEnumerable<DeviceSession> sessions, TimeSpan grace) =>
        sessions
            .Where(s => s.SealedSuccessor is not null && s.RotatedAt is not null)
            .Select(s => (DateTimeOffset?)(s.RotatedAt!.Value + grace))
            .Min();

    private static RefreshDecision Rotate(DeviceSession session, RefreshToken parsed, string presented, ClientInfo client, DateTimeOffset now, AuthOptions auth)
    {
        var successor = RefreshToken.Mint(parsed.UserId, session.SessionId, session.Generation + 1, session.LineageKey);
        var rotated = session with
        {
            Generation = session.Generation + 1,
            CurrentHash = RefreshToken.Hash(successor),
            PreviousHash = RefreshToken.Hash(presented),
            RotatedAt = now,
            // With no grace window there is no retry to answer, so nothing is kept.
            SealedSuccessor = auth.RefreshReuseGrace > TimeSpan.Zero ? SuccessorSeal.Seal(successor, presented) : null,
            LastUsedAt = now,
            ExpiresAt = Min(now + auth.RefreshTokenLifetime, session.AbsoluteExpiresAt),
            Ip = client.Ip,
            UserAgent = client.UserAgent,
        };
        return new RefreshDecision(RefreshVerdict.Rotate, rotated, successor);
    }

    private static TokenMatch Match(DeviceSession session, RefreshToken parsed, string presented)
    {
        var hash = RefreshToken.Hash(presented);
        if (CryptographicOperations.FixedTimeEquals(hash, session.CurrentHash))
        {
            return TokenMatch.Current;
        }

        if (session.PreviousHash is { } previous && CryptographicOperations.FixedTimeEquals(hash, previous))
        {
            return TokenMatch.Previous;
        }

        return parsed.Generation < session.Generation && parsed.HasValidTag(session.LineageKey)
            ? TokenMatch.Older
            : TokenMatch.Unknown;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private enum TokenMatch
    {
        Unknown,
        Current,
        Previous,
        Older,
    }
}
