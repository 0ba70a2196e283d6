using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace SessionService.Api.Tokens;

/// <summary>
/// Tokens whose signature and claims have been verified, so that a token presented again skips
/// that work. A token is admitted on its second verification: clients present one token for minutes,
/// while tokens presented once would only fill the cache and flush it. Holds at most <c>capacity</c>
/// tokens; adding to a full cache starts it over.
/// </summary>
public sealed class VerifiedTokenCache<TIdentity>(int capacity)
    where TIdentity : class
{
    private const int SeenOnceSlots = 1 << 16;
    private readonly ConcurrentDictionary<string, TIdentity> _entries = new(StringComparer.Ordinal);

    // Hash codes of tokens verified once. A slot remembers only the last token that hashed to it, so
    // the table never grows; a collision admits a verified token one verification early or late.
    private readonly int[] _seenOnce = new int[SeenOnceSlots];
    private readonly Lock _writeGate = new();

    // Kept here because ConcurrentDictionary.Count takes every lock of the dictionary.
    private int _count;

    /// <summary>Entries held now (takes every lock of the dictionary; for tests).</summary>
    internal int Count => _entries.Count;

    public bool TryGet(string token, [MaybeNullWhen(false)] out TIdentity identity) =>
        _entries.TryGetValue(token, out identity);

    /// <summary>Records that <paramref name="token"/> has just been verified as <paramref name="identity"/>.</summary>
    public void Verified(string token, TIdentity identity)
    {
        var hash = token.GetHashCode();
        ref var slot = ref _seenOnce[hash & (SeenOnceSlots - 1)];
        if (Volatile.Read(ref slot) != hash)
        {
            Volatile.Write(ref slot, hash);
            return;
        }

        // Only verified tokens get here, after a signature check that dwarfs a lock, so a lock costs nothing
        // measurable, and with it the bound is exact. Lookups take no lock.
        lock (_writeGate)
        {
            if (_count >= capacity)
            {
                _entries.Clear();
                _count = 0;
            }

            if (_entries.TryAdd(token, identity))
            {
                _count++;
            }
        }
    }
}
