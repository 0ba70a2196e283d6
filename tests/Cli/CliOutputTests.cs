using System.Text.Json;
using SessionService.Cli.Output;

namespace SessionService.Tests.Cli;

public sealed class CliOutputTests
{
    [Theory]
    [InlineData("curl/8.5", "curl/8.5")]
    [InlineData("a\u001b[2Jb", "a\uFFFD[2Jb")]
    [InlineData("line\nbreak\r", "line\uFFFDbreak\uFFFD")]
    [InlineData("rtl\u202Eevil", "rtl\uFFFDevil")]
    [InlineData("Pixel 😀", "Pixel 😀")]
    public void TerminalText_ReplacesControlAndFormatCharacters(string stored, string shown)
    {
        Assert.Equal(shown, TerminalText.Safe(stored));
    }

    [Fact]
    public void Table_PadsEachColumnToItsWidestCell_AndShowsArraysCommaSeparated()
    {
        var rows = JsonDocument.Parse("""[{"id":"1","roles":["a","b"],"n":7},{"id":"long-id","roles":[],"extra":true}]""").RootElement;
        var output = new StringWriter();

        Table.Write(output, [new("ID", "id"), new("ROLES", "roles"), new("N", "n")], rows.EnumerateArray());

        Assert.Equal("ID       ROLES  N\n1        a,b    7\nlong-id\n", output.ToString());
    }

    [Theory]
    [InlineData("0", "1970-01-01T00:00:00Z")]
    [InlineData("1700000000", "2023-11-14T22:13:20Z")]
    [InlineData("-1", "-1")]
    [InlineData("\"soon\"", "soon")]
    public void Table_ShowsUnixSecondsAsUtc_AndAnythingElseAsItIs(string value, string shown)
    {
        var row = JsonDocument.Parse($$"""{"t":{{value}}}""").RootElement;
        var output = new StringWriter();

        Table.Write(output, [new("T", "t", UnixSeconds: true)], [row]);

        Assert.Equal($"T\n{shown}\n", output.ToString());
    }

    [Fact]
    public void WriteObject_AlignsFieldNames_LeavesNoTrailingSpace_AndFormatsNamedUnixTimes()
    {
        var item = JsonDocument.Parse("""{"id":"c1","custom_id":null,"created_at":0,"consumer":{"id":"x"}}""").RootElement;
        var output = new StringWriter();

        Table.WriteObject(output, item, ["created_at"]);

        Assert.Equal("id          c1\ncustom_id\ncreated_at  1970-01-01T00:00:00Z\nconsumer    {\"id\":\"x\"}\n", output.ToString());
    }
}
