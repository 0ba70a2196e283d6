using System.Diagnostics.CodeAnalysis;

namespace SessionService.Api.Gateway.Import;

/// <summary>The consumers a declarative file holds, or why it was refused.</summary>
public sealed class DeckReadResult
{
    private DeckReadResult(IReadOnlyList<ConsumerImport> consumers, DeckError? error)
    {
        Consumers = consumers;
        Error = error;
    }

    /// <summary>The consumers in file order; empty when <see cref="Error"/> is set.</summary>
    public IReadOnlyList<ConsumerImport> Consumers { get; }

    public DeckError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static DeckReadResult Found(IReadOnlyList<ConsumerImport> consumers) => new(consumers, null);

    public static DeckReadResult Refused(DeckError error) => new([], error);

    public static DeckReadResult Refused(int? index, string detail) => Refused(new DeckError(index, detail));
}
