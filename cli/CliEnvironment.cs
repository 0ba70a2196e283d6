namespace SessionService.Cli;

/// <summary>
/// Everything a command touches outside itself: the streams, environment variables and the HTTP client.
/// The tool runs with the process's own; tests pass theirs (an in-process server's client, captured output).
/// </summary>
public sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required TextReader In { get; init; }

    /// <summary>True when standard input is a terminal: secrets are then typed at a prompt without echo.</summary>
    public bool InputIsTerminal { get; init; }

    public required Func<string, string?> Variable { get; init; }

    /// <summary>Sends every request; requests carry absolute URIs built from <c>--url</c>.</summary>
    public required HttpClient Http { get; init; }

    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        InputIsTerminal = !Console.IsInputRedirected,
        Variable = Environment.GetEnvironmentVariable,
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) },
    };
}
