using System.Text;

namespace SessionService.Cli.Input;

/// <summary>
/// Passwords and secrets come from standard input, never from the command line, where other users of the
/// machine can read them. At a terminal they are typed at a prompt without echo; piped, the first line is used.
/// </summary>
public static class SecretInput
{
    public static string ReadLine(CliEnvironment environment, string prompt, string what)
    {
        var line = environment.InputIsTerminal ? ReadHidden(environment.Error, prompt) : environment.In.ReadLine();
        return string.IsNullOrEmpty(line)
            ? throw CliFailure.Usage("missing_input", $"No {what} on standard input.")
            : line;
    }

    private static string ReadHidden(TextWriter prompts, string prompt)
    {
        prompts.Write(prompt);
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        prompts.WriteLine();
        return typed.ToString();
    }
}
