using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace SessionService.Silo;

/// <summary>How the silo and API processes run their host until a stop is asked for.</summary>
public static class HostRunning
{
    /// <summary>
    /// Runs <paramref name="host"/> until it stops. SIGTERM (or Ctrl+C) while the host is still starting
    /// cancels the start, and Orleans' silo start throws its cancellation (an <see cref="OperationCanceledException"/>
    /// or, when a lifecycle stage saw it, an <see cref="OrleansLifecycleCanceledException"/>); that stop was
    /// asked for, so the process ends normally (exit code 0) instead of aborting on an unhandled exception.
    /// </summary>
    public static async Task RunUntilStoppedAsync(this IHost host)
    {
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        try
        {
            await host.RunAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or OrleansLifecycleCanceledException && stopping.IsCancellationRequested)
        {
        }
    }
}
