using System.Text.Json;
using SessionService.Cli;

namespace SessionService.Tests.Cli;

/// <summary>What one <c>sessionctl</c> run left: its exit status and both streams.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public JsonElement Json() => JsonDocument.Parse(Out).RootElement.Clone();

    /// <summary>The exit status and stderr together, so a failed assertion shows why.</summary>
    public override string ToString() => $"exit {ExitCode}; stdout: {Out}; stderr: {Error}";
}

/// <summary>
/// Runs the CLI's entry point in-process against an HTTP client (an in-process node's, or a stub), with the
/// admin token and other variables as the environment would hold them, and standard input from a string.
/// </summary>
public sealed class CliRunner(HttpClient http, string? token = null)
{
    public Dictionary<string, string> Variables { get; } = new();

    public Task<CliRun> RunAsync(params string[] args) => RunWithInputAsync("", args);

    public async Task<CliRun> RunWithInputAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            In = new StringReader(input),
            Variable = name => name == GlobalOptions.TokenVariable ? token : Variables.GetValueOrDefault(name),
            Http = http,
        };
        var exitCode = await SessionCtl.RunAsync(args, environment);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>A user made through the CLI; its id from the JSON answer.</summary>
    public async Task<(string Name, string Id)> NewUserAsync(params string[] roles)
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..10];
        var run = await RunWithInputAsync(Support.ApiCalls.Password + "\n",
            ["users", "create", name, "--json", .. roles.SelectMany(r => new[] { "--role", r })]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return (name, run.Json().GetProperty("id").GetString()!);
    }
}
