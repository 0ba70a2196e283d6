using System.Diagnostics;

namespace SessionService.Tests.Faults;

/// <summary>Runs a system command (mount, chattr, ...) that a fault needs, and fails the test with its output when it fails.</summary>
public static class HostCommand
{
    public static string Run(string file, params string[] arguments)
    {
        var (exitCode, output) = TryRun(file, arguments);
        Assert.True(exitCode == 0, $"`{file} {string.Join(' ', arguments)}` failed ({exitCode}): {output}");
        return output;
    }

    public static (int ExitCode, string Output) TryRun(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, (output.Result + errors).Trim());
    }
}
