using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using SessionService.Grains.Contracts;

using SessionService.Grains;

namespace SessionService.Api.Tokens;

/// <summary>
/// What this node knows of revoked sessions and blocked users, pushed by the cluster. Lookups are O(1);
/// an entry is dropped once no access token it could match is still alive, so memory stays bounded.
/// </summary>
public sealed class RevocationSet([FromKeyedServices(SessionClock.Key)] TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _blockedUsers = new(StringComparer.Ordinal);

    public bool IsLoaded { get; private set; }

    public int Count => _sessions.Count + _blockedUsers.Count;

    public bool IsSessionRevoked(string sessionId) => _sessions.ContainsKey(sessionId);

    public bool IsUserBlocked(string userId) => _blockedUsers.ContainsKey(userId);

    public void Apply(IEnumerable<RevocationEntry> entries)
    {
        foreach (var entry in entries)
        {
            switch (entry.Kind)
            {
                case RevocationKind.Session:
                    _sessions[entry.SubjectId] = entry.ExpiresAt;
                    break;
                case RevocationKind.UserBlocked:
                    _blockedUsers[entry.SubjectId] = entry.ExpiresAt;
                    break;
                case RevocationKind.UserUnblocked:
                    _blockedUsers.TryRemove(entry.SubjectId, out _);
                    break;
            }
        }
    }

    /// <summary>
    /// Takes the cluster's whole list: revoked sessions are merged (a revocation is never undone), blocked
    /// users are replaced, since an unblock this node missed is only visible as an absence.
    /// </summary>
    public void Load(IReadOnlyCollection<RevocationEntry> entries)
    {
        Apply(entries.Where(e => e.Kind == RevocationKind.Session));
        var blocked = entries.Where(e => e.Kind == RevocationKind.UserBlocked).Select(e => e.SubjectId).ToHashSet();
        foreach (var userId in _blockedUsers.Keys.Where(id => !blocked.Contains(id)))
        {
            _blockedUsers.TryRemove(userId, out _);
        }

        Apply(entries.Where(e => e.Kind == RevocationKind.UserBlocked));
        IsLoaded = true;
        Purge();
    }

    public void Purge()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, expiresAt) in _sessions)
        {
            if (expiresAt <= now)
            {
                _sessions.TryRemove(key, out _);
            }
        }

        foreach (var (key, expiresAt) in _blockedUsers)
        {
            if (expiresAt <= now)
            {
                _blockedUsers.TryRemove(key, out _);
            }
        }
    }
}
