namespace SessionService.Api.Gateway.Import;

/// <summary>
/// A parsed document, the same whether it came from JSON or YAML, so that one set of shape rules
/// judges both. Building it already refused duplicate mapping keys and bounded the depth.
/// </summary>
internal abstract record DeckNode;

internal sealed record DeckMap(IReadOnlyDictionary<string, DeckNode> Fields) : DeckNode
{
    /// <summary>The value of <paramref name="name"/>, or null when absent.</summary>
    public DeckNode? this[string name] => Fields.GetValueOrDefault(name);
}

internal sealed record DeckList(IReadOnlyList<DeckNode> Items) : DeckNode;

internal sealed record DeckScalar(DeckScalarKind Kind, string Text) : DeckNode
{
    public static readonly DeckScalar Null = new(DeckScalarKind.Null, "");
}

internal enum DeckScalarKind
{
    Null,
    String,
    Boolean,
    Number,

    /// <summary>A YAML scalar with an explicit tag other than <c>!!str</c> or <c>!!null</c>.</summary>
    Tagged,
}

/// <summary>Limits that keep a hostile document from costing more than its size.</summary>
internal static class DeckLimits
{
    /// <summary>Far above any real declarative file (plugin configs nest about ten deep).</summary>
    public const int MaxDepth = 64;
}
