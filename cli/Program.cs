namespace SessionService.Cli;

public static class Program
{
    // Ctrl+C ends the process at once (the runtime's default), also at a password prompt.
    public static Task<int> Main(string[] args) => SessionCtl.RunAsync(args, CliEnvironment.FromProcess());
}
