using System.Globalization;
using System.Text;

namespace SessionService.Cli.Output;

/// <summary>
/// Text from the service (user agents, device names, error details) made safe for a terminal: control and
/// format characters would otherwise let a stored value move the cursor, recolour or rewrite the screen.
/// </summary>
public static class TerminalText
{
    public static string Safe(string value)
    {
        var safe = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            safe.Append(category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                ? "\uFFFD"
                : rune.ToString());
        }

        return safe.ToString();
    }
}
