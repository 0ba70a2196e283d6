using System.Security.Cryptography;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Tokens;
using SessionService.Grains.Users;

namespace SessionService.Tests.Unit.Users;

/// <summary>Plain values for the policy tests: fixed times, options as the grain tests use them.</summary>
internal static class PolicyFixtures
{
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly ClientInfo Client = new("192.0.2.1", "unit");
    public static readonly string UserId = Ids.NewUserId();

    public static AuthOptions Options(TimeSpan? grace = null, int maxSessions = 3) => new()
    {
        RefreshReuseGrace = grace ?? TimeSpan.FromSeconds(30),
        RefreshTokenLifetime = TimeSpan.FromDays(30),
        SessionAbsoluteLifetime = TimeSpan.FromDays(90),
        MaxSessionsPerUser = maxSessions,
    };

    public static StartedSession Login(string device = "phone", DateTimeOffset? at = null, AuthOptions? auth = null) =>
        DeviceSessions.Start([], UserId, device, null, Client, at ?? Start, auth ?? Options());

    public static RefreshDecision Present(DeviceSession session, string token, DateTimeOffset now, AuthOptions? auth = null, ClientInfo? client = null)
    {
        Assert.True(RefreshToken.TryParse(token, out var parsed));
        return RefreshRotationPolicy.Decide(session, PresentedRefreshToken.Native(parsed, token), client ?? Client, now, auth ?? Options());
    }

    /// <summary>Well formed and naming the session, with a tag that no lineage key produced.</summary>
    public static string Forge(DeviceSession session, long generation) =>
        RefreshToken.Mint(UserId, session.SessionId, generation, RandomNumberGenerator.GetBytes(RefreshToken.LineageKeyBytes));
}
