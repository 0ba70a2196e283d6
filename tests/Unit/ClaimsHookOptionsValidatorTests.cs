using SessionService.Api.Users.Hook;

namespace SessionService.Tests.Unit;

public sealed class ClaimsHookOptionsValidatorTests
{
    private const string Secret = "hook-secret-0123456789-abcdefghijklmnop";

    private static IReadOnlyList<string> Failures(ClaimsHookOptions options) =>
        new ClaimsHookOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void NoHook_IsValid()
    {
        Assert.Empty(Failures(new ClaimsHookOptions()));
    }

    [Theory]
    [InlineData("https://hooks.example.com/claims", Secret, 1000, true)]
    [InlineData("http://127.0.0.1:8080/hook", Secret, 10, true)]
    [InlineData("http://127.0.0.1:8080/hook", Secret, 10_000, true)]
    [InlineData("http://127.0.0.1:8080/hook", Secret, 9, false)]
    [InlineData("http://127.0.0.1:8080/hook", Secret, 10_001, false)]
    [InlineData("http://127.0.0.1:8080/hook", "too-short", 1000, false)]
    [InlineData("http://127.0.0.1:8080/hook", null, 1000, false)]
    [InlineData("ftp://hooks.example.com/claims", Secret, 1000, false)]
    [InlineData("/claims", Secret, 1000, false)]
    public void Hook_NeedsAnHttpUrl_ASecretOf32_AndATimeoutFrom10msTo10s(string url, string? secret, int timeoutMs, bool valid)
    {
        var failures = Failures(new ClaimsHookOptions { Url = url, Secret = secret, Timeout = TimeSpan.FromMilliseconds(timeoutMs) });

        Assert.Equal(valid, failures.Count == 0);
        Assert.All(failures, f => Assert.StartsWith("Auth:ClaimsHook:", f, StringComparison.Ordinal));
    }
}
