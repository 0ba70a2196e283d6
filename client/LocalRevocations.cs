using System.Collections.Concurrent;

namespace SessionService.AspNetCore;

/// <summary>
/// This process's copy of the revocation feed: revoked session ids and blocked user ids, each kept until
/// its <c>expires_at</c> (after which no token it could match is alive). Looked up on every request, so
/// every lookup is a dictionary read.
/// </summary>
public sealed class LocalRevocations
{
    private readonly ConcurrentDictionary<string, long> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _blockedUsers = new(StringComparer.Ordinal);

    /// <summary>How many revoked sessions are held.</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>How many blocked users are held.</summary>
    public int BlockedUserCount => _blockedUsers.Count;

    /// <summary>Whether a token of this session and user must be refused.</summary>
    public bool Refuses(string? sessionId, string? userId) =>
        (sessionId is not null && _sessions.ContainsKey(sessionId)) || (userId is not null && _blockedUsers.ContainsKey(userId));

    /// <summary>Applies one entry; an unknown kind (from a newer service) changes nothing and answers false.</summary>
    internal bool Apply(RevocationEntry entry)
    {
        switch (entry.Kind)
        {
            case RevocationEntry.SessionKind:
                _sessions[entry.Subject] = entry.ExpiresAt;
                return true;
            case RevocationEntry.UserBlockedKind:
                _blockedUsers[entry.Subject] = entry.ExpiresAt;
                return true;
            case RevocationEntry.UserUnblockedKind:
                _blockedUsers.TryRemove(entry.Subject, out _);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Drops every entry whose <c>expires_at</c> (unix seconds) is not after <paramref name="now"/>.</summary>
    internal void Purge(DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        foreach (var set in new[] { _sessions, _blockedUsers })
        {
            foreach (var (subject, expiresAt) in set)
            {
                if (expiresAt <= seconds)
                {
                    set.TryRemove(new KeyValuePair<string, long>(subject, expiresAt));
                }
            }
        }
    }
}
