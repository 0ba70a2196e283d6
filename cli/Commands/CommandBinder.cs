using System.CommandLine;
using SessionService.Cli.Http;
using SessionService.Cli.Output;

namespace SessionService.Cli.Commands;

/// <summary>Binds command actions to a context built from the global options; failures surface as <see cref="CliFailure"/>.</summary>
public sealed class CommandBinder(GlobalOptions globals, CliEnvironment environment)
{
    public void Bind(Command command, Func<CommandContext, CancellationToken, Task> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var service = new ServiceClient(environment.Http, globals.BaseUrl(parse, environment),
                GlobalOptions.NonEmpty(environment.Variable(GlobalOptions.TokenVariable)));
            var output = new CommandOutput(environment.Out, environment.Error, parse.GetValue(globals.Json));
            await action(new CommandContext(parse, service, output, environment), cancellationToken);
            return ExitCodes.Ok;
        });
}
