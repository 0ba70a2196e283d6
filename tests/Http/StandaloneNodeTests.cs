using System.Net;
using Microsoft.Extensions.Options;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>Tests that need a node of their own: restarts, rate limits, other configurations.</summary>
public sealed class StandaloneNodeTests : IDisposable
{
    private readonly TempDirectory _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task Restart_KeepsUsersKeysAndSessions_OverSameDataDirectory()
    {
        string refreshToken, accessToken, name, adminId;
        await using (var first = new ApiFactory(_storage.Path))
        {
            var client = first.CreateClient();
            (name, _) = await client.NewUserAsync();
            var login = await client.LoginOkAsync(name, device: "phone");
            var rotated = await (await client.RefreshAsync(login.Str("refresh_token"))).JsonAsync();
            refreshToken = rotated.Str("refresh_token");
            accessToken = rotated.Str("access_token");
            adminId = (await client.LoginOkAsync(ApiFactory.AdminUser, ApiFactory.AdminPassword)).GetProperty("user").Str("id");
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/auth/logout", new { refresh_token = login.Str("refresh_token") })).StatusCode);
        }

        await using var second = new ApiFactory(_storage.Path);
        var again = second.CreateClient();

        // The revocation list is loaded whole before the restarted node serves.
        await (await again.ValidateAsync(accessToken)).AssertProblemAsync(HttpStatusCode.Unauthorized, "obsolete_token");
        Assert.Equal(HttpStatusCode.OK, (await again.LoginAsync(name)).StatusCode);
        Assert.Equal(adminId, (await again.LoginOkAsync(ApiFactory.AdminUser, ApiFactory.AdminPassword)).GetProperty("user").Str("id"));
        await (await again.RefreshAsync(refreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Fact]
    public async Task Restart_KeepsRotationState_SoTheLatestTokenRefreshesAndOlderOnesAreReuse()
    {
        string previous, current, accessToken;
        await using (var first = new ApiFactory(_storage.Path))
        {
            var client = first.CreateClient();
            var (name, _) = await client.NewUserAsync();
            var login = await client.LoginOkAsync(name, device: "phone");
            previous = login.Str("refresh_token");
            var rotated = await (await client.RefreshAsync(previous)).JsonAsync();
            current = rotated.Str("refresh_token");
            accessToken = rotated.Str("access_token");
        }

        await using var second = new ApiFactory(_storage.Path);
        var again = second.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await again.ValidateAsync(accessToken)).StatusCode);
        var next = await again.RefreshAsync(current);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var nextAccessToken = (await next.JsonAsync()).Str("access_token");
        second.Clock.Advance(TimeSpan.FromSeconds(31));
        await (await again.RefreshAsync(current)).AssertProblemAsync(HttpStatusCode.Unauthorized, "obsolete_refresh_token");
        await (await again.RefreshAsync(previous)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        await Eventually.ProblemAsync(() => again.ValidateAsync(nextAccessToken), "obsolete_token");
    }

    [Theory]
    [InlineData("All", 2)]
    [InlineData("Failures", 1)]
    [InlineData("None", 0)]
    public async Task LoginAttemptLog_KeepsWhatItsModeSays(string mode, int kept)
    {
        await using var factory = new ApiFactory(_storage.Path, new Dictionary<string, string?> { ["Auth:LoginAttemptLog"] = mode });
        var client = factory.CreateClient();
        var (name, id) = await client.NewUserAsync();
        await client.LoginAsync(name, "wrong-password-1");
        await client.LoginOkAsync(name);

        var attempts = await (await client.GetAsync($"/users/{id}/login-attempts", await client.AdminTokenAsync())).JsonAsync();

        Assert.Equal(kept, attempts.GetArrayLength());
        if (mode == "All")
        {
            Assert.True(attempts[0].GetProperty("succeeded").GetBoolean());
            Assert.Equal("ok", attempts[0].Str("reason"));
        }
    }

    [Fact]
    public async Task RateLimit_Is429WithRetryAfter_WhenPermitsUsedUp()
    {
        await using var factory = new ApiFactory(_storage.Path, new Dictionary<string, string?>
        {
            ["RateLimit:Enabled"] = "true",
            ["RateLimit:PermitLimit"] = "3",
            ["RateLimit:Window"] = "00:01:00",
        });
        var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            await (await client.LoginAsync("someone-else", "whatever-123")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var limited = await client.RefreshAsync("anything");
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task SharedSecret_SignsHs256_AndRotationIsRefused()
    {
        await using var factory = new ApiFactory(_storage.Path, new Dictionary<string, string?>
        {
            ["Auth:Secret"] = "0123456789abcdef0123456789abcdef-a-long-test-secret",
        });
        var client = factory.CreateClient();
        var (name, _) = await client.NewUserAsync();
        var token = (await client.LoginOkAsync(name)).Str("access_token");

        Assert.Equal(HttpStatusCode.OK, (await client.ValidateAsync(token)).StatusCode);
        Assert.Contains("HS256", System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(token.Split('.')[0])));
        Assert.Equal(0, (await (await client.GetAsync("/.well-known/jwks.json")).JsonAsync()).GetProperty("keys").GetArrayLength());
        await (await client.PostAsync("/admin/keys/rotate", bearer: await client.AdminTokenAsync())).AssertProblemAsync(HttpStatusCode.Conflict, "rotation_unavailable");
    }

    [Theory]
    [InlineData("Auth:Secret", "too-short", "Auth:Secret")]
    [InlineData("Auth:SigningAlgorithm", "none", "Auth:SigningAlgorithm")]
    [InlineData("Auth:AccessTokenLifetime", "00:00:01", "Auth:AccessTokenLifetime")]
    [InlineData("Auth:RefreshReuseGrace", "01:00:00", "Auth:RefreshReuseGrace")]
    [InlineData("Passwords:Iterations", "1000", "Passwords:Iterations")]
    [InlineData("RateLimit:PermitLimit", "0", "RateLimit:PermitLimit")]
    [InlineData("Gateway:ClaimsToVerify", "exp,iat", "Gateway:ClaimsToVerify")]
    [InlineData("Gateway:Routes:0:Path", "/auth/{**rest}", "Gateway:Routes:0:Path")]
    [InlineData("Gateway:Routes:0:Path", "/orders/{", "Gateway:Routes:0:Path")]
    [InlineData("Auth:ClaimsHook:Url", "http://127.0.0.1:9/hook", "Auth:ClaimsHook:Secret")]
    [InlineData("Auth:ClaimsHook:Url", "hook.example.com", "Auth:ClaimsHook:Url")]
    public void StartUp_Fails_NamingTheKey_WhenConfigIsWeak(string key, string value, string named)
    {
        using var factory = new ApiFactory(_storage.Path, new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(named, Flatten(error));
    }

    [Fact]
    public void StartUp_Fails_WhenAdminPasswordIsWeak()
    {
        using var factory = new ApiFactory(_storage.Path, new Dictionary<string, string?> { ["Admin:Password"] = "admin" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Admin:Password", Flatten(error));
    }

    [Theory]
    [InlineData("api", "SessionService.Api", "Auth__AccessTokenLifetime", "00:00:01", "Auth:AccessTokenLifetime must be between")]
    [InlineData("api", "SessionService.Api", "Orleans__Mode", "cluster", "Orleans:Mode must be 'embedded' or 'postgres' (got 'cluster').")]
    [InlineData("api", "SessionService.Api", "ForwardedHeaders__KnownProxies__0", "not-an-ip", "ForwardedHeaders:KnownProxies:0 ('not-an-ip') is not an IP address.")]
    [InlineData("silo", "SessionService.Silo", "Orleans__IdleGrainAge", "00:00:10", "Orleans:IdleGrainAge must be longer than one minute (got 00:00:10).")]
    [InlineData("silo", "SessionService.Silo", "Auth__ClockSkew", "01:00:00", "Auth:ClockSkew must be between")]
    [InlineData("api", "SessionService.Api", "Gateway__MaximumExpiration", "-1", "Gateway:MaximumExpiration must be 0 (off) or a number of seconds.")]
    public async Task Process_ExitsWithCodeOne_AndOnlyTheKeysMessage_WhenConfigIsBad(string project, string assembly, string variable, string value, string message)
    {
        var run = await ExitedProcess.RunAsync(project, assembly, new Dictionary<string, string>
        {
            ["Storage__Path"] = _storage.Path,
            [variable] = value,
        });

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(message, line);
        Assert.DoesNotContain("   at ", run.StandardError + run.StandardOutput);
        Assert.DoesNotContain("Unhandled exception", run.StandardError + run.StandardOutput);
    }

    [Theory]
    [InlineData("api", "SessionService.Api", null, "Orleans:ClusterSecret must be set (the same on every silo and API node) when Orleans:Mode is 'postgres'.")]
    [InlineData("silo", "SessionService.Silo", null, "Orleans:ClusterSecret must be set (the same on every silo and API node) when Orleans:Mode is 'postgres'.")]
    [InlineData("api", "SessionService.Api", "too-short-a-secret", "Orleans:ClusterSecret must be at least 32 bytes.")]
    [InlineData("silo", "SessionService.Silo", "too-short-a-secret", "Orleans:ClusterSecret must be at least 32 bytes.")]
    public async Task Process_ExitsWithCodeOne_NamingClusterSecret_WhenClusterModeHasNoneOrAWeakOne(string project, string assembly, string? secret, string message)
    {
        var settings = new Dictionary<string, string>
        {
            ["Orleans__Mode"] = "postgres",
            ["ConnectionStrings__Orleans"] = "Host=127.0.0.1;Port=1;Database=none;Username=none",
            ["Auth__KeyEncryptionSecret"] = "a-key-encryption-secret-of-32-bytes-or-more",
        };
        if (secret is not null)
        {
            settings["Orleans__ClusterSecret"] = secret;
        }

        var run = await ExitedProcess.RunAsync(project, assembly, settings);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(message, Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Trim());
        Assert.DoesNotContain("   at ", run.StandardError + run.StandardOutput);
    }

    [Theory]
    [InlineData("api", "SessionService.Api")]
    [InlineData("silo", "SessionService.Silo")]
    public async Task Process_ExitsWithCodeOne_NamingTheKey_WhenAValueCannotBeConverted(string project, string assembly)
    {
        var run = await ExitedProcess.RunAsync(project, assembly, new Dictionary<string, string>
        {
            ["Storage__Path"] = _storage.Path,
            ["Orleans__IdleGrainAge"] = "soon",
        });

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Orleans:IdleGrainAge", line);
        Assert.DoesNotContain("   at ", run.StandardError + run.StandardOutput);
    }

    private static string Flatten(Exception error) => error switch
    {
        AggregateException aggregate => string.Join(" | ", aggregate.InnerExceptions.Select(Flatten)),
        OptionsValidationException options => string.Join(" | ", options.Failures),
        _ => error.Message + (error.InnerException is null ? "" : " | " + Flatten(error.InnerException)),
    };
}
