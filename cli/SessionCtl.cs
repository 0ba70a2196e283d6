using System.CommandLine;
using System.CommandLine.Invocation;
using SessionService.Cli.Commands;
using SessionService.Cli.Http;

namespace SessionService.Cli;

/// <summary>The <c>sessionctl</c> command tree and its one entry point, used by the tool and by tests alike.</summary>
public static class SessionCtl
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var globals = new GlobalOptions();
        var binder = new CommandBinder(globals, environment);
        var root = new RootCommand("Administer a session service over its HTTP API. The admin token is read from $SESSIONCTL_TOKEN.")
        {
            globals.Url,
            globals.Json,
            LoginCommand.Build(binder),
            UsersCommands.Build(binder),
            SessionsCommands.Build(binder),
            KeysCommands.Build(binder),
            ConsumersCommands.Build(binder),
            TokensCommands.Build(binder),
        };

        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                environment.Error.WriteLine("error: usage: " + error.Message);
            }

            environment.Error.WriteLine("Run 'sessionctl --help' for the commands and their options.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration { Output = environment.Out, Error = environment.Error, EnableDefaultExceptionHandler = false },
                cancellationToken);
        }
        catch (CliFailure failure)
        {
            environment.Error.WriteLine(ServiceError.Render(failure));
            return failure.ExitCode;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException && e.TargetSite?.DeclaringType?.Namespace == "System.Text.Json")
        {
            // A 2xx whose JSON lacks a field a command reads: --url names another service, or an incompatible version.
            environment.Error.WriteLine(ServiceError.Render(
                new CliFailure(ExitCodes.Unavailable, "unexpected_answer", "The service's answer does not have the shape this sessionctl expects; check --url.")));
            return ExitCodes.Unavailable;
        }
    }
}
