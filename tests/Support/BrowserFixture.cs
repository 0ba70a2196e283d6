using Microsoft.Playwright;

namespace SessionService.Tests.Support;

/// <summary>
/// One node on a real port and one headless Debian Chromium, shared by a browser test class; each test opens
/// its own context (its own cookies). Screenshots go to <c>artifacts/</c> under the test output directory.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");

    private IPlaywright _playwright = null!;

    public KestrelNode Node { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = new KestrelNode();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = SystemChromium.ExecutablePath,
            Headless = true,
        });
        Directory.CreateDirectory(Artifacts);
    }

    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Node.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1100, Height = 720 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(10_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Node.DisposeAsync();
    }
}
