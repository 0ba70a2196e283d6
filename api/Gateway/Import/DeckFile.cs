using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace SessionService.Api.Gateway.Import;

/// <summary>
/// Reads the consumers and their JWT credentials out of a Kong declarative file (JSON, or YAML as decK
/// writes it). Only the shape is judged here, plus names and keys repeated within the file; the
/// algorithms, secrets and keys themselves are judged by whoever creates the consumers.
/// Never throws on hostile input: every problem comes back as a <see cref="DeckError"/>.
/// </summary>
public static class DeckFile
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static DeckReadResult Read(ReadOnlySpan<byte> body, bool isYaml)
    {
        if (body.StartsWith(Utf8Bom))
        {
            body = body[Utf8Bom.Length..];
        }

        if (!Utf8.IsValid(body))
        {
            return DeckReadResult.Refused(null, "The body is not UTF-8 text.");
        }

        return Read(Encoding.UTF8.GetString(body), isYaml);
    }

    public static DeckReadResult Read(string body, bool isYaml)
    {
        if (!IsValidUtf16(body))
        {
            return DeckReadResult.Refused(null, "The body is not valid Unicode text.");
        }

        var root = isYaml ? DeckYaml.Parse(body, out var problem) : DeckJson.Parse(body, out problem);
        return root is null ? DeckReadResult.Refused(null, problem!) : Consumers(root);
    }

    // A lone surrogate would otherwise reach usernames and keys as text no client can send back.
    private static bool IsValidUtf16(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var length) != OperationStatus.Done)
            {
                return false;
            }

            text = text[length..];
        }

        return true;
    }

    private static DeckReadResult Consumers(DeckNode root)
    {
        if (root is not DeckMap document)
        {
            return DeckReadResult.Refused(null, $"The document must be a mapping (an object), not {DeckFields.Describe(root)}.");
        }

        // Kong's own declarative format may list credentials at the top level, pointing at their consumer;
        // ignoring them would import consumers that silently lack their credentials.
        if (document["jwt_secrets"] is not (null or DeckScalar { Kind: DeckScalarKind.Null }))
        {
            return DeckReadResult.Refused(null, "Top-level jwt_secrets are not supported: list each under its consumer's jwt_secrets.");
        }

        var entries = document["consumers"] switch
        {
            null or DeckScalar { Kind: DeckScalarKind.Null } => [],
            DeckList list => list.Items,
            _ => null,
        };
        if (entries is null)
        {
            return DeckReadResult.Refused(null, $"consumers must be a list, not {DeckFields.Describe(document["consumers"]!)}.");
        }

        var consumers = new List<ConsumerImport>(entries.Count);
        var duplicates = new DeckDuplicates();
        for (var i = 0; i < entries.Count; i++)
        {
            ConsumerImport consumer;
            try
            {
                consumer = DeckConsumerEntry.Read(entries[i], $"consumers[{i}]");
            }
            catch (DeckShapeException e)
            {
                return DeckReadResult.Refused(i, e.Message);
            }

            if (duplicates.Add(i, consumer) is { } problem)
            {
                return DeckReadResult.Refused(i, problem);
            }

            consumers.Add(consumer);
        }

        return DeckReadResult.Found(consumers);
    }
}
