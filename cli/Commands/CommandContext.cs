using System.CommandLine;
using SessionService.Cli.Http;
using SessionService.Cli.Output;

namespace SessionService.Cli.Commands;

/// <summary>What one running command works with: the service client, its output and the environment.</summary>
public sealed record CommandContext(ParseResult Parse, ServiceClient Service, CommandOutput Output, CliEnvironment Environment);
