namespace SessionService.Tests.Cli;

public static class CliAssert
{
    /// <summary>A refusal: the exit status, and the contract's code (with the HTTP status) on stderr, nothing on stdout.</summary>
    public static void Refused(CliRun run, int exitCode, string code, int? httpStatus = null)
    {
        Assert.True(run.ExitCode == exitCode, run.ToString());
        var expected = httpStatus is { } status ? $"error: {code} (HTTP {status}):" : $"error: {code}:";
        Assert.True(run.Error.StartsWith(expected, StringComparison.Ordinal), run.ToString());
        Assert.Equal("", run.Out);
    }
}
