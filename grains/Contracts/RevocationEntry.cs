namespace SessionService.Grains.Contracts;

public enum RevocationKind
{
    /// <summary>Access tokens carrying this session id are obsolete.</summary>
    Session,

    /// <summary>The user was deleted or disabled: its access tokens answer user_not_found.</summary>
    UserBlocked,

    /// <summary>Lifts an earlier <see cref="UserBlocked"/> (the user was enabled again).</summary>
    UserUnblocked,
}

/// <summary>
/// One fact every API node must know to refuse access tokens without asking a grain. It is kept until
/// <see cref="ExpiresAt"/>, after which no access token it could match is still alive.
/// <see cref="PublishedAt"/> (wall clock) is set only on the copy the authority pushes to the nodes, which
/// measure their apply lag from it; stored entries never carry it.
/// </summary>
/// <param name="Sequence">
/// The revocation authority's number for the entry (from 1, one per entry it accepts, never reused), which
/// resource servers following the revocation feed resume from; 0 until the authority has accepted it.
/// </param>
[GenerateSerializer, Immutable, Alias("RevocationEntry")]
public sealed record RevocationEntry(
    [property: Id(0)] RevocationKind Kind,
    [property: Id(1)] string SubjectId,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] long Sequence = 0,
    [property: Id(4)] DateTimeOffset? PublishedAt = null);
