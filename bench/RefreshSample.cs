using System.Collections.Immutable;
using System.Security.Cryptography;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Tokens;
using SessionService.Grains.Users;

namespace SessionService.Bench;

/// <summary>
/// One user with one device session as the bench's refresh load leaves it: a current token, the previous
/// one's hash, a sealed successor, one login attempt. The stage timings of <see cref="StageCosts"/> run on it.
/// </summary>
internal sealed class RefreshSample
{
    public RefreshSample()
    {
        var now = DateTimeOffset.UtcNow;
        UserId = Ids.NewUserId();
        var sessionId = Ids.NewSessionId();
        var lineage = RandomNumberGenerator.GetBytes(RefreshToken.LineageKeyBytes);
        Token = RefreshToken.Mint(UserId, sessionId, 42, lineage);
        var previous = RefreshToken.Mint(UserId, sessionId, 41, lineage);
        Session = new DeviceSession
        {
            SessionId = sessionId,
            Device = Ids.NewDeviceId(),
            LineageKey = lineage,
            Generation = 42,
            CurrentHash = RefreshToken.Hash(Token),
            PreviousHash = RefreshToken.Hash(previous),
            RotatedAt = now,
            SealedSuccessor = SuccessorSeal.Seal(Token, previous),
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = now.AddDays(30),
            AbsoluteExpiresAt = now.AddDays(90),
            Ip = Client.Ip,
            UserAgent = Client.UserAgent,
        };
        State = new UserState
        {
            Username = "bench-user-0001",
            PasswordHash = new string('h', 84),
            Roles = ["user"],
            CreatedAt = now,
            Number = 1234,
            Sessions = [Session],
            LoginAttempts = [new LoginAttempt(now, true, "success", "bench-user-0001", Session.Device, Client.Ip, Client.UserAgent)],
        };
    }

    /// <summary>What the bench's HttpClient presents: a loopback address and no User-Agent.</summary>
    public ClientInfo Client { get; } = new("127.0.0.1", null);

    public string UserId { get; }

    public string Token { get; }

    public DeviceSession Session { get; }

    public UserState State { get; }

    public AuthOptions Auth { get; } = new();

    public UserView View => new(UserId, State.Username!, State.Roles, State.Disabled, State.CreatedAt) { Number = State.Number };

    public IssuedSession Issued => new(Token, Session.SessionId, Session.Device, Session.ExpiresAt, View);
}
