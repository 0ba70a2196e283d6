using YamlDotNet.Core;
using YamlDotNet.Core.Events;
// Scalar.AspNetCore (the /docs UI) brings a root namespace of the same name.
using YamlScalar = YamlDotNet.Core.Events.Scalar;

namespace SessionService.Api.Gateway.Import;

/// <summary>
/// One YAML document into a <see cref="DeckNode"/>, read event by event so that aliases are refused
/// before anything is expanded (no "billion laughs") and nesting is bounded before it costs stack.
/// </summary>
internal static class DeckYaml
{
    /// <summary>The document, or null with <paramref name="problem"/> saying why it is refused.</summary>
    public static DeckNode? Parse(string text, out string? problem)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.MoveNext();
            Expect<StreamStart>(parser, "a YAML stream");
            if (parser.Current is StreamEnd)
            {
                throw new Refusal("The YAML body holds no document.");
            }

            Expect<DocumentStart>(parser, "a YAML document");
            var root = ReadNode(parser, depth: 1);
            Expect<DocumentEnd>(parser, "the end of the document");
            if (parser.Current is not StreamEnd)
            {
                throw new Refusal("The YAML body holds more than one document.");
            }

            problem = null;
            return root;
        }
        catch (YamlException e)
        {
            problem = $"The body is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {Reason(e)}";
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet fails this way, instead of with a YamlException, on some malformed plain scalars and tags.
            problem = "The body is not valid YAML.";
            return null;
        }
        catch (Refusal e)
        {
            problem = e.Message;
            return null;
        }
    }

    private static void Expect<T>(Parser parser, string what) where T : ParsingEvent
    {
        if (parser.Current is not T)
        {
            throw new Refusal($"Expected {what} at line {parser.Current?.Start.Line}.");
        }

        parser.MoveNext();
    }

    private static DeckNode ReadNode(Parser parser, int depth)
    {
        var current = parser.Current;
        switch (current)
        {
            case AnchorAlias alias:
                throw new Refusal($"YAML aliases are not accepted (line {alias.Start.Line}).");
            case YamlScalar scalar:
                parser.MoveNext();
                return DeckYamlScalars.Resolve(scalar);
            case SequenceStart start:
                EnsureDepth(depth, start);
                parser.MoveNext();
                return ReadSequence(parser, depth);
            case MappingStart start:
                EnsureDepth(depth, start);
                parser.MoveNext();
                return ReadMapping(parser, depth);
            default:
                throw new Refusal($"Unexpected YAML content at line {current?.Start.Line}.");
        }
    }

    private static DeckList ReadSequence(Parser parser, int depth)
    {
        var items = new List<DeckNode>();
        while (parser.Current is not SequenceEnd)
        {
            items.Add(ReadNode(parser, depth + 1));
        }

        parser.MoveNext();
        return new DeckList(items);
    }

    private static DeckMap ReadMapping(Parser parser, int depth)
    {
        var fields = new Dictionary<string, DeckNode>(StringComparer.Ordinal);
        while (parser.Current is not MappingEnd)
        {
            if (parser.Current is not YamlScalar key)
            {
                throw new Refusal($"YAML mapping keys must be plain text (line {parser.Current?.Start.Line}).");
            }

            // A merge key copies another mapping in, which this reader would otherwise take for an unknown field.
            if (key.Value == "<<" && key.Style == ScalarStyle.Plain)
            {
                throw new Refusal($"YAML merge keys (<<) are not accepted (line {key.Start.Line}).");
            }

            parser.MoveNext();
            if (!fields.TryAdd(key.Value, ReadNode(parser, depth + 1)))
            {
                throw new Refusal($"The YAML key '{key.Value}' appears twice in one mapping (line {key.Start.Line}).");
            }
        }

        parser.MoveNext();
        return new DeckMap(fields);
    }

    private static void EnsureDepth(int depth, ParsingEvent start)
    {
        if (depth > DeckLimits.MaxDepth)
        {
            throw new Refusal($"The YAML document nests deeper than {DeckLimits.MaxDepth} levels (line {start.Start.Line}).");
        }
    }

    // The scanner's messages carry their own position prefix; the caller states the position once.
    private static string Reason(YamlException e)
    {
        var separator = e.Message.IndexOf("): ", StringComparison.Ordinal);
        return separator < 0 ? e.Message : e.Message[(separator + 3)..];
    }

    private sealed class Refusal(string message) : Exception(message);
}
