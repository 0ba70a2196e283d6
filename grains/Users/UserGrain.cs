using Microsoft.Extensions.DependencyInjection;
using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionService.Grains.Contracts;
using SessionService.Grains.Tokens;

namespace SessionService.Grains.Users;

/// <summary>
/// Owns one user's state. Not reentrant: calls run one at a time, so each rotation decision sees the
/// result of the one before it, and state is written before any reply says "done".
/// </summary>
public sealed class UserGrain(
    [PersistentState("user", StorageNames.Sessions)] IPersistentState<UserState> store,
    IOptions<AuthOptions> options,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private static readonly TimeSpan MinimumTimerDelay = TimeSpan.FromSeconds(1);
    private readonly AuthOptions _auth = options.Value;
    private IGrainTimer? _successorCleanup;

    private string UserId => this.GetPrimaryKeyString();
    private UserState State => store.State;
    private DateTimeOffset Now => clock.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleSuccessorCleanup();
        return Task.CompletedTask;
    }

    public async Task<bool> CreateAsync(NewUser user)
    {
        if (State.Exists)
        {
            return false;
        }

        store.State = new UserState
        {
            Username = user.Username,
            PasswordHash = user.PasswordHash,
            Roles = user.Roles,
            SecurityStamp = NewSecurityStamp(),
            CreatedAt = Now,
        };
        await store.WriteStateAsync();
        return true;
    }

    public Task<UserView?> GetProfileAsync() => Task.FromResult(State.Exists ? ToView() : null);

    public Task<LoginTicket> BeginLoginAsync() => Task.FromResult(State.Exists
        ? new LoginTicket(true, State.Disabled, LockRemaining(Now), State.PasswordHash, State.SecurityStamp)
        : new LoginTicket(false, false, null, "", ""));

    public async Task<LoginResult> CompleteLoginAsync(LoginCompletion completion)
    {
        if (!State.Exists)
        {
            return new LoginResult(LoginOutcome.InvalidCredentials);
        }

        var now = Now;
        if (LockRemaining(now) is { } remaining)
        {
            await CommitAsync(WithAttempt(State, completion, now, false, "account_locked"), []);
            return new LoginResult(LoginOutcome.Locked, RetryAfter: remaining);
        }

        // A password change between the API's hash check and this call invalidates that check.
        var stampMatches = CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(completion.SecurityStamp),
            System.Text.Encoding.UTF8.GetBytes(State.SecurityStamp));
        if (!completion.PasswordValid || !stampMatches)
        {
            return await FailLoginAsync(completion, now);
        }

        // Only the right password learns that the account is disabled.
        if (State.Disabled)
        {
            await CommitAsync(WithAttempt(State, completion, now, false, "account_disabled"), []);
            return new LoginResult(LoginOutcome.Disabled);
        }

        var (state, revoked, issued) = StartSession(State, completion, now);
        // Same password, stronger hash: not a password change, so the security stamp and sessions stay.
        var passwordHash = completion.UpgradedPasswordHash ?? state.PasswordHash;
        state = WithAttempt(state with { PasswordHash = passwordHash, FailedLogins = 0, Lockouts = 0, LockedUntil = null }, completion, now, true, "ok");
        await CommitAsync(state, revoked.Select(id => SessionRevocation(id, now)));
        return new LoginResult(LoginOutcome.Success, issued);
    }

    public async Task<RefreshResult> RefreshAsync(string refreshToken, ClientInfo client)
    {
        if (!TryFindSession(refreshToken, out var parsed, out var session) || State.Disabled)
        {
            return new RefreshResult(RefreshOutcome.Invalid);
        }

        var now = Now;
        var match = Match(session, parsed, refreshToken);
        if (match == TokenMatch.Unknown)
        {
            return new RefreshResult(RefreshOutcome.Invalid);
        }

        if (session.ExpiresAt <= now)
        {
            // Access tokens never outlive their session, so an expired session needs no revocation entry.
            await CommitAsync(State with { Sessions = State.Sessions.Remove(session) }, []);
            return new RefreshResult(RefreshOutcome.Expired);
        }

        if (match == TokenMatch.Current)
        {
            return new RefreshResult(RefreshOutcome.Success, await RotateAsync(session, refreshToken, client, now));
        }

        if (match == TokenMatch.Previous && now - session.RotatedAt < _auth.RefreshReuseGrace
            && session.SealedSuccessor is { } sealedSuccessor
            && SuccessorSeal.Open(sealedSuccessor, refreshToken) is { } successor)
        {
            return new RefreshResult(RefreshOutcome.Success, Issue(successor, session));
        }

        Log.RefreshTokenReused(logger, UserId, session.SessionId, session.Generation - parsed.Generation);
        await RevokeAsync([session], now, "refresh token reuse");
        return new RefreshResult(RefreshOutcome.Obsolete);
    }

    public async Task LogoutWithRefreshTokenAsync(string refreshToken)
    {
        if (TryFindSession(refreshToken, out var parsed, out var session)
            && Match(session, parsed, refreshToken) != TokenMatch.Unknown)
        {
            await RevokeAsync([session], Now, "logout");
        }
    }

    public Task<ImmutableArray<SessionView>> ListSessionsAsync()
    {
        var now = Now;
        return Task.FromResult(State.Sessions
            .Where(s => s.ExpiresAt > now)
            .OrderByDescending(s => s.LastUsedAt)
            .Select(s => s.ToView())
            .ToImmutableArray());
    }

    public async Task<bool> RevokeDeviceAsync(string device)
    {
        var session = State.Sessions.Find(s => s.Device == device && s.ExpiresAt > Now);
        if (session is null)
        {
            return false;
        }

        await RevokeAsync([session], Now, "device revoked");
        return true;
    }

    public async Task RevokeSessionAsync(string sessionId)
    {
        if (State.Sessions.Find(s => s.SessionId == sessionId) is { } session)
        {
            await RevokeAsync([session], Now, "session revoked");
        }
    }

    public Task RevokeAllSessionsAsync(string? keepSessionId) =>
        RevokeAsync(State.Sessions.Where(s => s.SessionId != keepSessionId).ToList(), Now, "all sessions revoked");

    public async Task<bool> ChangePasswordAsync(string expectedSecurityStamp, string newPasswordHash, string? keepSessionId)
    {
        if (!State.Exists || expectedSecurityStamp != State.SecurityStamp)
        {
            return false;
        }

        var now = Now;
        var others = State.Sessions.Where(s => s.SessionId != keepSessionId).ToList();
        var state = State with
        {
            PasswordHash = newPasswordHash,
            SecurityStamp = NewSecurityStamp(),
            Sessions = State.Sessions.RemoveAll(others.Contains),
        };
        await CommitAsync(state, others.Select(s => SessionRevocation(s.SessionId, now)));
        return true;
    }

    public async Task<bool> SetDisabledAsync(bool disabled)
    {
        if (!State.Exists)
        {
            return false;
        }

        var now = Now;
        if (disabled)
        {
            var revocations = State.Sessions.Select(s => SessionRevocation(s.SessionId, now)).Append(UserRevocation(RevocationKind.UserBlocked, now));
            await CommitAsync(State with { Disabled = true, Sessions = [] }, revocations);
        }
        else
        {
            var state = State with { Disabled = false, FailedLogins = 0, Lockouts = 0, LockedUntil = null };
            await CommitAsync(state, [UserRevocation(RevocationKind.UserUnblocked, now)]);
        }

        return true;
    }

    public async Task<bool> DeleteAsync()
    {
        if (!State.Exists)
        {
            return false;
        }

        var now = Now;
        var username = State.Username!;
        var revocations = State.Sessions.Select(s => SessionRevocation(s.SessionId, now))
            .Append(UserRevocation(RevocationKind.UserBlocked, now)).ToImmutableArray();
        await store.ClearStateAsync();
        await PublishAsync(revocations);
        await GrainFactory.GetGrain<IUsernameGrain>(Usernames.Normalize(username)).ReleaseAsync(UserId);
        return true;
    }

    public Task<ImmutableArray<LoginAttempt>?> GetLoginAttemptsAsync() =>
        Task.FromResult(State.Exists ? State.LoginAttempts.ToImmutableArray() : (ImmutableArray<LoginAttempt>?)null);

    private async Task<LoginResult> FailLoginAsync(LoginCompletion completion, DateTimeOffset now)
    {
        var (failures, lockouts, lockedUntil) = LockoutPolicy.AfterFailure(State.FailedLogins, State.Lockouts, now, _auth);
        var state = State with { FailedLogins = failures, Lockouts = lockouts, LockedUntil = lockedUntil ?? State.LockedUntil };
        if (lockedUntil is not null)
        {
            Log.UserLockedOut(logger, UserId, lockedUntil.Value - now);
        }

        await CommitAsync(WithAttempt(state, completion, now, false, "invalid_credentials"), []);
        return new LoginResult(LoginOutcome.InvalidCredentials);
    }

    private (UserState State, List<string> Revoked, IssuedSession Issued) StartSession(
        UserState state, LoginCompletion completion, DateTimeOffset now)
    {
        var device = completion.Device ?? Ids.NewDeviceId();
        var live = state.Sessions.RemoveAll(s => s.ExpiresAt <= now);
        var replaced = live.Where(s => s.Device == device).ToList();
        live = live.RemoveAll(replaced.Contains);
        var evicted = live.OrderBy(s => s.LastUsedAt).Take(Math.Max(0, live.Count - _auth.MaxSessionsPerUser + 1)).ToList();
        live = live.RemoveAll(evicted.Contains);

        var sessionId = Ids.NewSessionId();
        var lineageKey = RandomNumberGenerator.GetBytes(RefreshToken.LineageKeyBytes);
        var token = RefreshToken.Mint(UserId, sessionId, 1, lineageKey);
        var absoluteExpiry = now + _auth.SessionAbsoluteLifetime;
        var session = new DeviceSession
        {
            SessionId = sessionId,
            Device = device,
            DeviceName = completion.DeviceName,
            LineageKey = lineageKey,
            Generation = 1,
            CurrentHash = RefreshToken.Hash(token),
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = Min(now + _auth.RefreshTokenLifetime, absoluteExpiry),
            AbsoluteExpiresAt = absoluteExpiry,
            Ip = completion.Client.Ip,
            UserAgent = completion.Client.UserAgent,
        };

        var revoked = replaced.Concat(evicted).Select(s => s.SessionId).ToList();
        return (state with { Sessions = live.Add(session) }, revoked, Issue(token, session, state));
    }

    private async Task<IssuedSession> RotateAsync(DeviceSession session, string presented, ClientInfo client, DateTimeOffset now)
    {
        var successor = RefreshToken.Mint(UserId, session.SessionId, session.Generation + 1, session.LineageKey);
        var keepSuccessor = _auth.RefreshReuseGrace > TimeSpan.Zero;
        var rotated = session with
        {
            Generation = session.Generation + 1,
            CurrentHash = RefreshToken.Hash(successor),
            PreviousHash = RefreshToken.Hash(presented),
            RotatedAt = now,
            SealedSuccessor = keepSuccessor ? SuccessorSeal.Seal(successor, presented) : null,
            LastUsedAt = now,
            ExpiresAt = Min(now + _auth.RefreshTokenLifetime, session.AbsoluteExpiresAt),
            Ip = client.Ip,
            UserAgent = client.UserAgent,
        };

        await CommitAsync(State with { Sessions = State.Sessions.Replace(session, rotated) }, []);
        if (keepSuccessor)
        {
            ScheduleSuccessorCleanup();
        }

        return Issue(successor, rotated);
    }

    private async Task RevokeAsync(IReadOnlyCollection<DeviceSession> sessions, DateTimeOffset now, string reason)
    {
        if (sessions.Count == 0)
        {
            return;
        }

        foreach (var session in sessions)
        {
            Log.SessionRevoked(logger, UserId, session.SessionId, reason);
        }

        var state = State with { Sessions = State.Sessions.RemoveAll(sessions.Contains) };
        await CommitAsync(state, sessions.Select(s => SessionRevocation(s.SessionId, now)));
    }

    /// <summary>
    /// Writes the new state (once; closed grace windows are dropped on the way, the timer only covers
    /// idle grains) and only then tells the API nodes what it revoked.
    /// </summary>
    private async Task CommitAsync(UserState state, IEnumerable<RevocationEntry> revocations)
    {
        if (!ReferenceEquals(state, store.State))
        {
            store.State = WithoutClosedSuccessors(state, Now);
            await store.WriteStateAsync();
        }

        var entries = revocations.ToImmutableArray();
        if (entries.Length > 0)
        {
            await PublishAsync(entries);
        }
    }

    private Task PublishAsync(ImmutableArray<RevocationEntry> entries) =>
        GrainFactory.GetGrain<IRevocationAuthorityGrain>(RevocationAuthority.Id).PublishAsync(entries);

    private bool TryFindSession(string refreshToken, out RefreshToken parsed, out DeviceSession session)
    {
        session = null!;
        if (!State.Exists || !RefreshToken.TryParse(refreshToken, out parsed) || parsed.UserId != UserId)
        {
            parsed = default;
            return false;
        }

        var sessionId = parsed.SessionId;
        session = State.Sessions.Find(s => s.SessionId == sessionId)!;
        return session is not null;
    }

    private static TokenMatch Match(DeviceSession session, RefreshToken parsed, string presented)
    {
        var hash = RefreshToken.Hash(presented);
        if (CryptographicOperations.FixedTimeEquals(hash, session.CurrentHash))
        {
            return TokenMatch.Current;
        }

        if (session.PreviousHash is { } previous && CryptographicOperations.FixedTimeEquals(hash, previous))
        {
            return TokenMatch.Previous;
        }

        return parsed.Generation < session.Generation && parsed.HasValidTag(session.LineageKey)
            ? TokenMatch.Older
            : TokenMatch.Unknown;
    }

    private void ScheduleSuccessorCleanup()
    {
        var now = Now;
        var nextClose = State.Sessions
            .Where(s => s.SealedSuccessor is not null && s.RotatedAt is not null)
            .Select(s => s.RotatedAt!.Value + _auth.RefreshReuseGrace)
            .DefaultIfEmpty()
            .Min();
        if (nextClose == default)
        {
            _successorCleanup?.Dispose();
            _successorCleanup = null;
            return;
        }

        var due = nextClose - now < MinimumTimerDelay ? MinimumTimerDelay : nextClose - now;
        if (_successorCleanup is null)
        {
            _successorCleanup = this.RegisterGrainTimer(
                DropClosedSuccessorsAsync,
                new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _successorCleanup.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task DropClosedSuccessorsAsync(CancellationToken cancellationToken)
    {
        var state = WithoutClosedSuccessors(State, Now);
        if (!ReferenceEquals(state, State))
        {
            await CommitAsync(state, []);
        }

        ScheduleSuccessorCleanup();
    }

    /// <summary>Once a grace window closes its sealed successor goes: from then on only hashes remain.</summary>
    private UserState WithoutClosedSuccessors(UserState state, DateTimeOffset now)
    {
        bool Closed(DeviceSession s) => s.SealedSuccessor is not null && now - s.RotatedAt >= _auth.RefreshReuseGrace;
        return state.Sessions.Any(Closed)
            ? state with { Sessions = [.. state.Sessions.Select(s => Closed(s) ? s with { SealedSuccessor = null } : s)] }
            : state;
    }

    private UserState WithAttempt(UserState state, LoginCompletion completion, DateTimeOffset now, bool succeeded, string reason)
    {
        var keep = _auth.LoginAttemptLog switch
        {
            LoginAttemptLogMode.All => true,
            LoginAttemptLogMode.Failures => !succeeded,
            _ => false,
        };
        if (!keep)
        {
            return state;
        }

        var attempt = new LoginAttempt(now, succeeded, reason, completion.AttemptedName, completion.Device, completion.Client.Ip, completion.Client.UserAgent);
        var attempts = state.LoginAttempts.Insert(0, attempt);
        return state with { LoginAttempts = attempts.Count > _auth.LoginAttemptsKept ? attempts.RemoveRange(_auth.LoginAttemptsKept, attempts.Count - _auth.LoginAttemptsKept) : attempts };
    }

    private IssuedSession Issue(string refreshToken, DeviceSession session, UserState? state = null) =>
        new(refreshToken, session.SessionId, session.Device, session.ExpiresAt, ToView(state ?? State));

    private UserView ToView(UserState? state = null)
    {
        state ??= State;
        return new UserView(UserId, state.Username!, state.Roles, state.Disabled, state.CreatedAt);
    }

    private TimeSpan? LockRemaining(DateTimeOffset now) => LockoutPolicy.Remaining(State.LockedUntil, now);

    private RevocationEntry SessionRevocation(string sessionId, DateTimeOffset now) =>
        new(RevocationKind.Session, sessionId, now + _auth.RevocationRetention);

    private RevocationEntry UserRevocation(RevocationKind kind, DateTimeOffset now) =>
        new(kind, UserId, now + _auth.RevocationRetention);

    private static string NewSecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private enum TokenMatch
    {
        Unknown,
        Current,
        Previous,
        Older,
    }
}
