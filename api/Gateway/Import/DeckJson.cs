using System.Text.Json;

namespace SessionService.Api.Gateway.Import;

/// <summary>Strict JSON into a <see cref="DeckNode"/>: no comments, no trailing commas, no repeated property.</summary>
internal static class DeckJson
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = DeckLimits.MaxDepth,
    };

    /// <summary>The document, or null with <paramref name="problem"/> saying why it is not JSON.</summary>
    public static DeckNode? Parse(string text, out string? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            problem = null;
            return Convert(document.RootElement);
        }
        catch (JsonException e)
        {
            problem = e.LineNumber is { } line
                ? $"The body is not valid JSON (line {line + 1}, byte {e.BytePositionInLine + 1}): {Reason(e)}"
                : $"The body is not valid JSON: {Reason(e)}";
            return null;
        }
        catch (ArgumentException)
        {
            // Text that cannot be transcoded to UTF-8, such as a lone surrogate.
            problem = "The body is not valid JSON text.";
            return null;
        }
    }

    // The message ends with the position, zero-based, which the caller states once, one-based.
    private static string Reason(JsonException e)
    {
        var position = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return position < 0 ? e.Message : e.Message[..position];
    }

    // Recursion is bounded by Options.MaxDepth, enforced while parsing.
    private static DeckNode Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new DeckMap(element.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value), StringComparer.Ordinal)),
        JsonValueKind.Array => new DeckList([.. element.EnumerateArray().Select(Convert)]),
        JsonValueKind.String => new DeckScalar(DeckScalarKind.String, element.GetString()!),
        JsonValueKind.Number => new DeckScalar(DeckScalarKind.Number, element.GetRawText()),
        JsonValueKind.True or JsonValueKind.False => new DeckScalar(DeckScalarKind.Boolean, element.GetRawText()),
        _ => DeckScalar.Null,
    };
}
