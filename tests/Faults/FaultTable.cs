using System.Collections.Concurrent;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace SessionService.Tests.Faults;

/// <summary>
/// The faults × outcomes table, shared by the fault tests (a collection fixture) and written when the
/// last of them is done. It goes out as an xunit diagnostic message, because with this runner plain
/// console output and a test's own output are not shown by <c>dotnet test</c> for tests that pass;
/// diagnostic messages are, since <c>tests/xunit.runner.json</c> turns them on.
/// </summary>
public sealed class FaultTable(IMessageSink diagnostics) : IDisposable
{
    private readonly ConcurrentQueue<FaultRow> _rows = new();

    public void Add(FaultRow row)
    {
        _rows.Enqueue(row);
        diagnostics.OnMessage(new DiagnosticMessage($"fault suite: {string.Join(" | ", row.Cells)}"));
    }

    public void Dispose() => diagnostics.OnMessage(new DiagnosticMessage(Render()));

    /// <summary>A Markdown table, so it can be pasted into the README as it is.</summary>
    public string Render()
    {
        var lines = new List<string[]> { FaultRow.Headers };
        lines.AddRange(_rows.Select(row => row.Cells));
        var widths = Enumerable.Range(0, FaultRow.Headers.Length).Select(i => lines.Max(cells => cells[i].Length)).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((cell, i) => cell.PadRight(widths[i]))) + " |";
        var rule = "|" + string.Join("|", widths.Select(width => new string('-', width + 2))) + "|";
        return string.Join('\n', ["Faults × outcomes (tests/Faults):", Line(lines[0]), rule, .. lines.Skip(1).Select(Line)]);
    }
}
