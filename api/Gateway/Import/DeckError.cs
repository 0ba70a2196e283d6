namespace SessionService.Api.Gateway.Import;

/// <summary>
/// Why a declarative file was refused: <see cref="Index"/> is the 0-based position in <c>consumers</c> of
/// the entry at fault, or null when the document as a whole is unusable.
/// </summary>
public sealed record DeckError(int? Index, string Detail);
