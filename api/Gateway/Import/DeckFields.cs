namespace SessionService.Api.Gateway.Import;

/// <summary>Reads typed fields out of a <see cref="DeckMap"/>; an explicit null counts as absent, as in Kong's exports.</summary>
internal static class DeckFields
{
    /// <summary>The text of <paramref name="name"/>, or null when absent or null.</summary>
    public static string? Text(DeckMap map, string name, string path) => map[name] switch
    {
        null or DeckScalar { Kind: DeckScalarKind.Null } => null,
        DeckScalar { Kind: DeckScalarKind.String } scalar => scalar.Text,
        var other => throw new DeckShapeException($"{path}.{name} must be a string, not {Describe(other)}."),
    };

    /// <summary>The items of the list <paramref name="name"/>, empty when absent or null.</summary>
    public static IReadOnlyList<DeckNode> List(DeckMap map, string name, string path) => map[name] switch
    {
        null or DeckScalar { Kind: DeckScalarKind.Null } => [],
        DeckList list => list.Items,
        var other => throw new DeckShapeException($"{path}.{name} must be a list, not {Describe(other)}."),
    };

    public static DeckMap Map(DeckNode node, string path) => node as DeckMap
        ?? throw new DeckShapeException($"{path} must be a mapping (an object), not {Describe(node)}.");

    public static string Describe(DeckNode node) => node switch
    {
        DeckMap => "a mapping",
        DeckList => "a list",
        DeckScalar { Kind: DeckScalarKind.Null } => "null",
        DeckScalar { Kind: DeckScalarKind.String } => "a string",
        DeckScalar { Kind: DeckScalarKind.Boolean } => "a boolean",
        DeckScalar { Kind: DeckScalarKind.Number } => "a number (quote it to make it a string)",
        _ => "a tagged value",
    };
}
