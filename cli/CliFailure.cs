namespace SessionService.Cli;

/// <summary>A command that cannot finish: the exit status, a stable code and a message for standard error.</summary>
public sealed class CliFailure(int exitCode, string code, string message, int? httpStatus = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public string Code { get; } = code;

    public int? HttpStatus { get; } = httpStatus;

    public static CliFailure Usage(string code, string message) => new(ExitCodes.Usage, code, message);
}
