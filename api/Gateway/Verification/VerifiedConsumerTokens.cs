using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace SessionService.Api.Gateway.Verification;

/// <summary>
/// Consumer tokens verified before, as <see cref="Tokens.VerifiedTokenCache{TIdentity}"/> keeps access
/// tokens (admitted on their second verification, at most <c>capacity</c>, starting over when full), but
/// an entry is replaced when its token verifies again: a credential reloaded as a new instance must not
/// leave its tokens stuck on the old one, missing the cache on every request.
/// </summary>
internal sealed class VerifiedConsumerTokens(int capacity)
{
    private const int SeenOnceSlots = 1 << 16;
    private readonly ConcurrentDictionary<string, VerifiedConsumerToken> _entries = new(StringComparer.Ordinal);

    // Hash codes of tokens verified once; a slot remembers only the last token that hashed to it.
    private readonly int[] _seenOnce = new int[SeenOnceSlots];
    private readonly Lock _writeGate = new();
    private int _count;

    /// <summary>Entries held now (takes every lock of the dictionary; for tests).</summary>
    internal int Count => _entries.Count;

    public bool TryGet(string token, [MaybeNullWhen(false)] out VerifiedConsumerToken entry) =>
        _entries.TryGetValue(token, out entry);

    public void Verified(string token, VerifiedConsumerToken entry)
    {
        if (!_entries.ContainsKey(token) && FirstSighting(token))
        {
            return;
        }

        lock (_writeGate)
        {
            if (_entries.ContainsKey(token))
            {
                _entries[token] = entry;
                return;
            }

            if (_count >= capacity)
            {
                _entries.Clear();
                _count = 0;
            }

            _entries[token] = entry;
            _count++;
        }
    }

    private bool FirstSighting(string token)
    {
        var hash = token.GetHashCode();
        ref var slot = ref _seenOnce[hash & (SeenOnceSlots - 1)];
        if (Volatile.Read(ref slot) == hash)
        {
            return false;
        }

        Volatile.Write(ref slot, hash);
        return true;
    }
}
