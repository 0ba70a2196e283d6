namespace SessionService.Tests.Storage;

/// <summary>
/// Grain states of one line of text for the storage tests: a list, because storage makes a missing state with
/// Orleans' activator, which cannot make a string.
/// </summary>
public static class TextStates
{
    /// <summary>A state holding <paramref name="text"/> (none when null), as a grain that last saw <paramref name="etag"/> has it.</summary>
    public static GrainState<List<string>> Text(string? text = null, string? etag = null) =>
        new(text is null ? [] : [text]) { ETag = etag, RecordExists = etag is not null };

    /// <summary>The text a state holds; null for a default state.</summary>
    public static string? TextOf(GrainState<List<string>> state) => state.State is [var text] ? text : null;
}
