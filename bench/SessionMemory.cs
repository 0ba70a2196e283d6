using System.Collections.Immutable;
using System.Security.Cryptography;
using SessionService.Grains;
using SessionService.Grains.Tokens;
using SessionService.Grains.Users;

namespace SessionService.Bench;

/// <summary>
/// Managed memory held per idle device session in user-grain state: builds the state of 1 000 users
/// with 100 sessions each (100k sessions, as rotation leaves them once the grace window has closed)
/// and measures the heap it adds.
/// </summary>
internal static class SessionMemory
{
    private const int Users = 1_000;
    private const int SessionsPerUser = 100;

    public static void Run()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var states = new UserState[Users];
        var now = DateTimeOffset.UtcNow;
        for (var u = 0; u < Users; u++)
        {
            var userId = Ids.NewUserId();
            var sessions = ImmutableList.CreateBuilder<DeviceSession>();
            for (var s = 0; s < SessionsPerUser; s++)
            {
                var lineage = RandomNumberGenerator.GetBytes(RefreshToken.LineageKeyBytes);
                var sessionId = Ids.NewSessionId();
                sessions.Add(new DeviceSession
                {
                    SessionId = sessionId,
                    Device = Ids.NewDeviceId(),
                    DeviceName = "Pixel 8 " + s,
                    LineageKey = lineage,
                    Generation = 42,
                    CurrentHash = RefreshToken.Hash(RefreshToken.Mint(userId, sessionId, 42, lineage)),
                    PreviousHash = RefreshToken.Hash(RefreshToken.Mint(userId, sessionId, 41, lineage)),
                    RotatedAt = now,
                    CreatedAt = now,
                    LastUsedAt = now,
                    ExpiresAt = now.AddDays(30),
                    AbsoluteExpiresAt = now.AddDays(90),
                    Ip = "203.0.113." + (s % 250),
                    UserAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + s + ".0 Mobile",
                });
            }

            states[u] = new UserState { Username = "user-" + u, PasswordHash = new string('h', 84), Sessions = sessions.ToImmutable() };
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(states);
        var perSession = (after - before) / (double)(Users * SessionsPerUser);
        Console.WriteLine($"memory: {Users * SessionsPerUser:N0} idle device sessions in user-grain state: {perSession:F0} bytes each (managed heap, user records included)");
    }
}
