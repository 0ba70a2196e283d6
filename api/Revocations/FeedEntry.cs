using System.Text.Json.Serialization;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Revocations;

/// <summary>One revocation as the feed publishes it (the JSON of <c>GET /revocations</c> and of each stream event).</summary>
public sealed record FeedEntry(
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("expires_at")] long ExpiresAt)
{
    public const string Session = "session";
    public const string UserBlocked = "user_blocked";
    public const string UserUnblocked = "user_unblocked";

    public static FeedEntry From(RevocationEntry entry) => new(
        entry.Sequence,
        entry.Kind switch
        {
            RevocationKind.Session => Session,
            RevocationKind.UserBlocked => UserBlocked,
            _ => UserUnblocked,
        },
        entry.SubjectId,
        entry.ExpiresAt.ToUnixTimeSeconds());
}
