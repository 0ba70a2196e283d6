namespace SessionService.Tests.Support;

/// <summary>
/// Debian's Chromium (apt package <c>chromium</c>, installed by test.sh), which Playwright drives through
/// <c>ExecutablePath</c>: Playwright's own browser download is not reachable here.
/// </summary>
public static class SystemChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser"];

    public static string ExecutablePath =>
        Candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"No Chromium at {string.Join(", ", Candidates)}: run ./test.sh, or apt-get install chromium.");
}
