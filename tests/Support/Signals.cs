using System.Diagnostics;

namespace SessionService.Tests.Support;

/// <summary>Signals .NET has no API for: <c>Process.Kill</c> sends SIGKILL only.</summary>
public static class Signals
{
    public static void Terminate(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString()]))!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The exit code, or null when the process is still running after <paramref name="patience"/>.</summary>
    public static async Task<int?> ExitCodeWithinAsync(Process process, TimeSpan patience)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(patience);
            return process.ExitCode;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}
