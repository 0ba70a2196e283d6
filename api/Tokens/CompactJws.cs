using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace SessionService.Api.Tokens;

/// <summary>
/// The canonical compact JWS serialization (RFC 7515 7.1), checked before a token reaches the JWT library:
/// that library accepts padding and other non-canonical forms, and reads duplicate keys and trailing data
/// in the JSON, so a token it accepts could mean something else to another reader, and a variant of a
/// verified token would be a different cache key for the same signature.
/// </summary>
public static class CompactJws
{
    private static readonly SearchValues<char> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static readonly JsonDocumentOptions Strict = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>
    /// At most <paramref name="maxLength"/> characters in exactly three non-empty segments of unpadded
    /// base64url, each the one encoding of its bytes (unused bits of the last character zero).
    /// </summary>
    public static bool IsCanonical(string token, int maxLength)
    {
        if (token.Length > maxLength)
        {
            return false;
        }

        var rest = token.AsSpan();
        for (var part = 0; part < 3; part++)
        {
            var end = rest.IndexOf('.');
            if ((end < 0) != (part == 2))
            {
                return false;
            }

            var segment = end < 0 ? rest : rest[..end];
            if (!IsCanonicalSegment(segment))
            {
                return false;
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return true;
    }

    /// <summary>
    /// The segment's bytes as one JSON object that parses strictly: UTF-8, no duplicate keys, no comments,
    /// no trailing commas, nothing after the object (not even a byte order mark before it).
    /// </summary>
    public static JsonElement? ReadObject(ReadOnlySpan<char> segment)
    {
        var bytes = new byte[Base64Url.GetMaxDecodedLength(segment.Length)];
        if (Base64Url.DecodeFromChars(segment, bytes, out _, out var written) != OperationStatus.Done)
        {
            return null;
        }

        var json = bytes.AsMemory(0, written);
        if (json.Span.StartsWith("\uFEFF"u8))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json, Strict);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsCanonicalSegment(ReadOnlySpan<char> segment)
    {
        if (segment.IsEmpty || segment.Length % 4 == 1 || segment.ContainsAnyExcept(Alphabet))
        {
            return false;
        }

        // Two trailing characters carry one byte (4 unused bits), three carry two (2 unused bits).
        var unusedMask = (segment.Length % 4) switch { 2 => 0b1111, 3 => 0b11, _ => 0 };
        return (SextetOf(segment[^1]) & unusedMask) == 0;
    }

    private static int SextetOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        _ => 63,
    };
}
