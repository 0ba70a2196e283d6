using System.Collections.Immutable;
using System.Security.Cryptography;
using SessionService.Grains.Contracts;
using SessionService.Grains.Tokens;

namespace SessionService.Grains.Users;

/// <summary>
/// The refresh-token rotation rules. Every refresh turns the presented token into the session's previous
/// one and mints exactly one successor; the previous token inside the grace window is a retry (a lost
/// response, two tabs) and gets that same successor, kept sealed under the previous token for the
/// window, to the client (User-Agent) that rotated; any other authentic old token is reuse and costs the
/// session (RFC 9700 §4.14). A token is
/// only ever treated as this session's when its hash or its lineage tag proves it, so a made-up token
/// that merely names a session revokes nothing. Pure: the user grain loads, applies and stores.
/// </summary>
public static class RefreshRotationPolicy
{
    public static RefreshDecision Decide(
        DeviceSession session, PresentedRefreshToken presented, ClientInfo client, DateTimeOffset now, AuthOptions auth)
    {
        var hash = presented.Hash();
        var match = Match(session, presented, hash);
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
            return Rotate(session, presented, hash, client, now, auth);
        }

        // A retry comes from the client that rotated, so it carries the same User-Agent; the address may
        // change (a phone moving between networks). Anyone else holding the previous token is reuse.
        if (match == TokenMatch.Previous && now - session.RotatedAt < auth.RefreshReuseGrace
            && string.Equals(client.UserAgent, session.UserAgent, StringComparison.Ordinal)
            && session.SealedSuccessor is { } sealedSuccessor
            && SuccessorSeal.Open(sealedSuccessor, presented.Value) is { } successor)
        {
            return new RefreshDecision(RefreshVerdict.Retry, session, successor);
        }

        return new RefreshDecision(RefreshVerdict.Reuse, session, RotationsAgo: presented.RotationsAgo(session));
    }

    /// <summary>True for the session's current token while the session lasts: proof that the caller holds that device session.</summary>
    public static bool IsCurrent(DeviceSession session, PresentedRefreshToken presented, DateTimeOffset now) =>
        session.ExpiresAt > now && Match(session, presented, presented.Hash()) == TokenMatch.Current;

    /// <summary>True for any token this session ever issued: current, previous, or older under its lineage key.</summary>
    public static bool IsAuthentic(DeviceSession session, PresentedRefreshToken presented) =>
        Match(session, presented, presented.Hash()) != TokenMatch.Unknown;

    /// <summary>
    /// The WordPress JWT Auth plugin's verdict on a token presented for a device slot, under our rules: the
    /// current token is valid until its session expires; any other token is "obsolete", and an authentic
    /// older one outside the grace window also costs the session (the plugin never revokes; we do, keeping
    /// its code). A made-up secret, or any token of an expired session but its current one, changes
    /// nothing. A cookie login (<paramref name="rotate"/> false) never rotates.
    /// </summary>
    public static RefreshDecision DecideForSlot(
        DeviceSession session, PresentedRefreshToken presented, bool rotate, ClientInfo client, DateTimeOffset now, AuthOptions auth)
    {
        var hash = presented.Hash();
        var match = Match(session, presented, hash);
        if (match == TokenMatch.Current)
        {
            return session.ExpiresAt <= now ? new RefreshDecision(RefreshVerdict.Expired, session)
                : rotate ? Rotate(session, presented, hash, client, now, auth)
                : new RefreshDecision(RefreshVerdict.Valid, session);
        }

        if (match == TokenMatch.Unknown || session.ExpiresAt <= now)
        {
            return new RefreshDecision(RefreshVerdict.Obsolete, session);
        }

        // An authentic earlier token, "obsolete" to the plugin. The one just rotated out, from the client that
        // rotated, inside the grace window is that client racing itself: nothing more. Anything else is reuse.
        return match == TokenMatch.Previous && now - session.RotatedAt < auth.RefreshReuseGrace
            && string.Equals(client.UserAgent, session.UserAgent, StringComparison.Ordinal)
            ? new RefreshDecision(RefreshVerdict.Obsolete, session)
            : new RefreshDecision(RefreshVerdict.Reuse, session, RotationsAgo: presented.RotationsAgo(session));
    }

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

    /// <param name="presentedHash">The presented token's SHA-256, already made to match it: it becomes the previous hash.</param>
    private static RefreshDecision Rotate(
        DeviceSession session, PresentedRefreshToken presented, byte[] presentedHash, ClientInfo client, DateTimeOffset now, AuthOptions auth)
    {
        var successor = presented.MintSuccessor(session);
        var rotated = session with
        {
            Generation = session.Generation + 1,
            CurrentHash = RefreshToken.Hash(successor),
            PreviousHash = presentedHash,
            RotatedAt = now,
            // With no grace window there is no retry to answer, and a WordPress slot never answers one.
            SealedSuccessor = auth.RefreshReuseGrace > TimeSpan.Zero && presented.Format == RefreshTokenFormat.Native
                ? SuccessorSeal.Seal(successor, presented.Value)
                : null,
            LastUsedAt = now,
            ExpiresAt = Min(now + auth.RefreshTokenLifetime, session.AbsoluteExpiresAt),
            Ip = client.Ip,
            UserAgent = client.UserAgent,
        };
        return new RefreshDecision(RefreshVerdict.Rotate, rotated, successor);
    }

    private static TokenMatch Match(DeviceSession session, PresentedRefreshToken presented, byte[] hash)
    {
        if (CryptographicOperations.FixedTimeEquals(hash, session.CurrentHash))
        {
            return TokenMatch.Current;
        }

        if (session.PreviousHash is { } previous && CryptographicOperations.FixedTimeEquals(hash, previous))
        {
            return TokenMatch.Previous;
        }

        return presented.IsOlderTokenOf(session)
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
