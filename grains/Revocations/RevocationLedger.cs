using System.Collections.Immutable;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Revocations;

/// <summary>What the revocation authority's live list becomes when entries are published, and what changed.</summary>
/// <param name="Live">The live entries, each numbered.</param>
/// <param name="LastSequence">The last number handed out.</param>
/// <param name="Published">The published entries still live, as stored (numbered): what the nodes are told. A repeated
/// entry is told again, since the node that missed it may be why it was published again.</param>
/// <param name="IsChanged">Whether the live list changed, so it must be written.</param>
public sealed record RevocationLedger(ImmutableList<RevocationEntry> Live, long LastSequence, ImmutableArray<RevocationEntry> Published, bool IsChanged)
{
    /// <summary>
    /// Accepts <paramref name="entries"/> into <paramref name="live"/>: expired ones are dropped; a fact already
    /// known keeps its first number (a user grain publishes its outbox again when it cannot tell whether an
    /// earlier publish arrived), with the later expiry; a new fact gets the next number. A block and an unblock
    /// of one user cancel each other, so only the later of the two stays and a follower that applies the feed in
    /// order of number ends with the right answer.
    /// </summary>
    public static RevocationLedger Accept(ImmutableList<RevocationEntry> live, long lastSequence, IEnumerable<RevocationEntry> entries, DateTimeOffset now)
    {
        var list = live.RemoveAll(e => e.ExpiresAt <= now);
        var isChanged = false;
        var published = ImmutableArray.CreateBuilder<RevocationEntry>();
        foreach (var entry in entries.Where(e => e.ExpiresAt > now))
        {
            var same = list.Find(e => e.Kind == entry.Kind && e.SubjectId == entry.SubjectId);
            if (same is not null)
            {
                var kept = same.ExpiresAt < entry.ExpiresAt ? same with { ExpiresAt = entry.ExpiresAt } : same;
                if (kept != same)
                {
                    list = list.Replace(same, kept);
                    isChanged = true;
                }

                published.Add(kept);
                continue;
            }

            if (Opposite(entry.Kind) is { } opposite)
            {
                list = list.RemoveAll(e => e.Kind == opposite && e.SubjectId == entry.SubjectId);
            }

            var numbered = entry with { Sequence = ++lastSequence };
            list = list.Add(numbered);
            published.Add(numbered);
            isChanged = true;
        }

        return new RevocationLedger(list, lastSequence, published.ToImmutable(), isChanged);
    }

    /// <summary>Numbers, in stored order, the entries stored by a release that did not number them.</summary>
    public static RevocationLedger NumberUnnumbered(ImmutableList<RevocationEntry> live, long lastSequence)
    {
        var numbered = live.Select(e => e.Sequence > 0 ? e : e with { Sequence = ++lastSequence }).ToImmutableList();
        return new RevocationLedger(numbered, lastSequence, [], true);
    }

    private static RevocationKind? Opposite(RevocationKind kind) => kind switch
    {
        RevocationKind.UserBlocked => RevocationKind.UserUnblocked,
        RevocationKind.UserUnblocked => RevocationKind.UserBlocked,
        _ => null,
    };
}
