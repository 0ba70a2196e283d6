using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SessionService.Silo;

/// <summary>
/// Runs a process's start-up and life. A configuration the options validators refuse ends the process
/// with exit code 1 and one line per failure on stderr, each naming its key, instead of an unhandled
/// exception's abort and stack trace.
/// </summary>
public static class StartupFailure
{
    public const int ExitCode = 1;

    public static async Task<int> RunAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (Exception error) when (IsProcessEntryPoint(run) && Failures(error) is { Count: > 0 } failures)
        {
            foreach (var failure in failures)
            {
                Console.Error.WriteLine(failure);
            }

            return ExitCode;
        }
    }

    /// <summary>
    /// Runs the options validators (ValidateOnStart) now rather than inside the host's start, where a
    /// failure is also logged with its stack trace and may surface first from whatever service resolved
    /// the options.
    /// </summary>
    public static void ThrowIfOptionsInvalid(this IHost host) => host.Services.GetService<IStartupValidator>()?.Validate();

    /// <summary>
    /// A test host (WebApplicationFactory) runs Program's code inside its own process; there the exception
    /// is the test's to see, and the exit code would go nowhere.
    /// </summary>
    private static bool IsProcessEntryPoint(Func<Task> run) => Assembly.GetEntryAssembly() == run.Method.Module.Assembly;

    /// <summary>The validation failures in <paramref name="error"/>; empty when anything else went wrong.</summary>
    private static List<string> Failures(Exception error) => error switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. aggregate.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures)],
        _ when UnconvertibleValue(error) is { } binding => [binding.Message],
        _ => [],
    };

    /// <summary>
    /// The configuration binder's refusal of a value it cannot convert (a TimeSpan of "abc"): its message
    /// names the key, and it may arrive wrapped by whatever resolved the options first.
    /// </summary>
    private static InvalidOperationException? UnconvertibleValue(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is InvalidOperationException binding
                && binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
            {
                return binding;
            }
        }

        return null;
    }
}
