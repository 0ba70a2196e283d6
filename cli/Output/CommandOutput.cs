using System.Text.Json;
using SessionService.Cli.Http;

namespace SessionService.Cli.Output;

/// <summary>
/// Where a command's result goes: with <c>--json</c> the service's body as it came (for scripts), else a
/// table or a short sentence for a person. Notes for people go to standard error so stdout stays parseable.
/// </summary>
public sealed class CommandOutput(TextWriter output, TextWriter error, bool json)
{
    public bool Json { get; } = json;

    public TextWriter Error { get; } = error;

    public void Rows(ServiceAnswer answer, IReadOnlyList<Column> columns, Func<JsonElement, IEnumerable<JsonElement>> rows)
    {
        if (Json)
        {
            output.WriteLine(answer.Body);
            return;
        }

        Table.Write(output, columns, rows(answer.Json()));
    }

    public void Item(ServiceAnswer answer, IReadOnlyCollection<string>? unixSecondFields = null) =>
        Item(answer.Body, answer.Json(), unixSecondFields);

    /// <summary>One object; <paramref name="body"/> is what <c>--json</c> prints (the service's body, or a redacted copy).</summary>
    public void Item(string body, JsonElement item, IReadOnlyCollection<string>? unixSecondFields = null)
    {
        if (Json)
        {
            output.WriteLine(body);
            return;
        }

        Table.WriteObject(output, item, unixSecondFields);
    }

    /// <summary>A change that answered 204: a sentence for a person, nothing for a script (the exit status says it).</summary>
    public void Done(string sentence)
    {
        if (!Json)
        {
            output.WriteLine(TerminalText.Safe(sentence));
        }
    }

    /// <summary>A line printed in both modes (the token a command was asked to issue).</summary>
    public void Line(string text) => output.WriteLine(text);

    public void Note(string text) => Error.WriteLine(TerminalText.Safe(text));
}
