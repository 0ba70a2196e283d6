using System.Text.Json.Serialization;

namespace SessionService.AspNetCore;

/// <summary>One entry of the revocation feed, as <c>GET /revocations</c> and its stream send it.</summary>
public sealed record RevocationEntry(
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("expires_at")] long ExpiresAt)
{
    /// <summary>A device session (the token's <c>sid</c>) was revoked.</summary>
    public const string SessionKind = "session";

    /// <summary>Every token of a user (the token's <c>sub</c>) is refused until a later <see cref="UserUnblockedKind"/>.</summary>
    public const string UserBlockedKind = "user_blocked";

    /// <summary>Lifts an earlier <see cref="UserBlockedKind"/>.</summary>
    public const string UserUnblockedKind = "user_unblocked";
}

/// <summary>The answer of <c>GET /revocations</c>: every live entry after a position, and the feed's position.</summary>
internal sealed record RevocationSnapshot(
    [property: JsonPropertyName("cursor")] string Cursor,
    [property: JsonPropertyName("entries")] IReadOnlyList<RevocationEntry> Entries);
