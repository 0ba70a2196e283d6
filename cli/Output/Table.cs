using System.Text.Json;

namespace SessionService.Cli.Output;

/// <summary>Left-aligned columns, two spaces apart, one row per JSON object.</summary>
public static class Table
{
    public static void Write(TextWriter output, IReadOnlyList<Column> columns, IEnumerable<JsonElement> rows)
    {
        var cells = rows.Select(row => columns.Select(c => Cell(row, c)).ToArray()).ToList();
        var widths = columns.Select((c, i) => cells.Select(r => r[i].Length).Append(c.Header.Length).Max()).ToArray();
        WriteRow(output, columns.Select(c => c.Header).ToArray(), widths);
        foreach (var row in cells)
        {
            WriteRow(output, row, widths);
        }
    }

    /// <summary>One object as "field  value" lines, in the service's field order.</summary>
    /// <param name="unixSecondFields">Fields holding a Unix time, shown as RFC 3339.</param>
    public static void WriteObject(TextWriter output, JsonElement item, IReadOnlyCollection<string>? unixSecondFields = null)
    {
        var fields = item.EnumerateObject().ToList();
        var width = fields.Select(f => f.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var field in fields)
        {
            var value = Cell(item, new Column(field.Name, field.Name, unixSecondFields?.Contains(field.Name) == true));
            output.WriteLine($"{TerminalText.Safe(field.Name).PadRight(width)}  {value}".TrimEnd());
        }
    }

    /// <summary>A JSON value as one line: strings bare, arrays of scalars comma-separated, anything else as compact JSON.</summary>
    public static string Value(JsonElement value) => TerminalText.Safe(value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.Array when value.EnumerateArray().All(IsScalar) => string.Join(",", value.EnumerateArray().Select(Value)),
        _ => value.GetRawText(),
    });

    private static bool IsScalar(JsonElement value) => value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);

    private static string Cell(JsonElement row, Column column)
    {
        if (row.ValueKind != JsonValueKind.Object || !row.TryGetProperty(column.Field, out var value))
        {
            return "";
        }

        return column.UnixSeconds && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) && seconds is >= 0 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : Value(value);
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths) =>
        output.WriteLine(string.Join("  ", cells.Select((cell, i) => i == cells.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
}
