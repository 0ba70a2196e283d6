using System.Diagnostics;

namespace SessionService.Tests.Support;

/// <summary>A process of this test run's build (the API or the silo) run until it exits on its own, with its output.</summary>
public sealed record ExitedProcess(int ExitCode, string StandardOutput, string StandardError)
{
    public static async Task<ExitedProcess> RunAsync(
        string project, string assembly, IDictionary<string, string> settings, IReadOnlyList<string>? arguments = null, string? input = null)
    {
        var dll = Path.Combine(Repository.Root, project, "bin", Repository.BuildConfiguration, "net10.0", assembly + ".dll");
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments ?? []])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}";
        start.Environment["Orleans__SiloPort"] = FreePort.Next().ToString();
        start.Environment["Orleans__GatewayPort"] = FreePort.Next().ToString();
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        return new ExitedProcess(process.ExitCode, await output, await errors);
    }
}
