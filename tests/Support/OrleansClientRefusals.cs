using Microsoft.Extensions.Logging;

namespace SessionService.Tests.Support;

/// <summary>
/// Completes with the first refusal an Orleans client logs as a warning or error: a connection refused or
/// closed by the other side (a silo port closes a client's), a call refused for want of the cluster-secret
/// proof, or a call that got no answer. The client itself only
/// retries such failures until its caller gives up, so without this a refusal shows only as a timeout.
/// </summary>
public sealed class OrleansClientRefusals : ILoggerProvider
{
    private readonly TaskCompletionSource<Exception> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Exception> First => _first.Task;

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Orleans", StringComparison.Ordinal) ? new Listener(_first) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Listener(TaskCompletionSource<Exception> first) : ILogger
    {
        /// <summary>By name: Orleans's own types for these are internal.</summary>
        private static readonly string[] ConnectionFailures = ["SocketConnectionException", "ConnectionFailedException", "ConnectionAbortedException"];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && IsEnabled(logLevel) && IsRefusal(exception))
            {
                first.TrySetResult(exception);
            }
        }

        private static bool IsRefusal(Exception exception)
        {
            for (Exception? e = exception; e is not null; e = e.InnerException)
            {
                if (e is UnauthorizedAccessException or TimeoutException || ConnectionFailures.Contains(e.GetType().Name))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
