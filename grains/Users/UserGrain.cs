using System.Collections.Immutable;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionService.Grains.Contracts;
using SessionService.Grains.Tokens;

namespace SessionService.Grains.Users;

/// <summary>
/// Owns one user's state. Not reentrant: calls run one at a time, so each rotation decision sees the
/// result of the one before it, and state is written before any reply says "done". The decisions are
/// the policies' (<see cref="RefreshRotationPolicy"/>, <see cref="DeviceSessions"/>,
/// <see cref="LoginLockouts"/>, <see cref="LoginAttemptLog"/>); this grain checks passwords against its
/// own hash, loads, commits, publishes its revocation outbox and runs the grace-window and outbox timers.
/// </summary>
public sealed class UserGrain(
    [PersistentState("user", StorageNames.Sessions)] IPersistentState<UserState> store,
    IOptions<AuthOptions> options,
    Passwords passwords,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private static readonly TimeSpan MinimumTimerDelay = TimeSpan.FromSeconds(1);

    /// <summary>How often an undelivered revocation is offered again: the bound on how late a node hears of it once the authority is back.</summary>
    private static readonly TimeSpan OutboxRetryInterval = TimeSpan.FromMilliseconds(500);

    private readonly AuthOptions _auth = options.Value;
    private IGrainTimer? _successorCleanup;
    private IGrainTimer? _outboxRetry;
    private bool _listedForSweep;

    private string UserId => this.GetPrimaryKeyString();
    private UserState State => store.State;
    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Tries the sequence this often for a number nobody holds before giving up (each miss is a number set explicitly).</summary>
    private const int NumberAttempts = 100;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleSuccessorCleanup();
        if (!State.UnpublishedRevocations.IsEmpty)
        {
            ScheduleOutboxRetry();
        }

        await TryGiveNumberAsync();
        await TrySyncEmailIndexAsync();
    }

    public async Task<UserView> CreateAsync(NewUser user)
    {
        if (State.Exists)
        {
            throw new InvalidOperationException($"User {UserId} already exists.");
        }

        var state = new UserState
        {
            Username = user.Username,
            PasswordHash = user.PasswordHash,
            Roles = user.Roles,
            CreatedAt = Now,
            Number = user.Number ?? await ClaimNextNumberAsync(),
            Profile = user.Profile ?? UserProfile.Empty,
            Claims = user.Claims ?? ImmutableSortedDictionary<string, string>.Empty,
            UnpublishedRevocations = State.UnpublishedRevocations,
        };
        await CommitAsync(state, []);
        await TrySyncEmailIndexAsync();
        return ToView(State);
    }

    public async Task<UserView?> GetProfileAsync()
    {
        await TryGiveNumberAsync();
        return State.Exists ? ToView(State) : null;
    }

    public async Task<UserView?> PatchAsync(UserPatch patch)
    {
        if (!State.Exists)
        {
            return null;
        }

        await TryGiveNumberAsync();
        var profile = State.Profile;
        profile = profile with
        {
            Email = patch.Email is { } email ? email.Value : profile.Email,
            DisplayName = patch.DisplayName is { } displayName ? displayName.Value : profile.DisplayName,
            FirstName = patch.FirstName is { } firstName ? firstName.Value : profile.FirstName,
            LastName = patch.LastName is { } lastName ? lastName.Value : profile.LastName,
        };
        var claims = patch.Claims is { } change ? change.Value ?? ImmutableSortedDictionary<string, string>.Empty : State.Claims;
        await CommitAsync(State with { Profile = profile, Claims = claims }, []);
        await TrySyncEmailIndexAsync();
        return ToView(State);
    }

    public Task<string?> GetSecurityStampAsync() => Task.FromResult(State.Exists && !State.Disabled
        ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("security-stamp\n" + State.PasswordHash)))[..32]
        : null);

    public async Task<LoginResult?> LoginAsync(PasswordLogin login)
    {
        if (!State.Exists)
        {
            return null;
        }

        var now = Now;
        var attempt = new AttemptSource(login.AttemptedName, login.Device, login.Client);
        var source = SourceOf(login, now);
        if (State.Lockouts.Remaining(source, now) is { } remaining)
        {
            await CommitAsync(WithAttempt(State, attempt, now, false, "account_locked"), []);
            return new LoginResult(LoginOutcome.Locked, RetryAfter: remaining);
        }

        var check = passwords.Check(State.PasswordHash, login.Password);
        if (check == PasswordVerificationResult.Failed)
        {
            await FailLoginAsync(attempt, source, now);
            return new LoginResult(LoginOutcome.InvalidCredentials);
        }

        // Only the right password learns that the account is disabled.
        if (State.Disabled)
        {
            await CommitAsync(WithAttempt(State, attempt, now, false, "account_disabled"), []);
            return new LoginResult(LoginOutcome.Disabled);
        }

        if (login.Format == RefreshTokenFormat.WordPress && State.Number is null)
        {
            throw new StorageUnavailableException("The user has no number yet; try again.");
        }

        var started = DeviceSessions.Start(State.Sessions, UserId, login.Device, login.DeviceName, login.Client, now, _auth, login.Format, State.Number ?? 0);
        // Same password, stronger hash (e.g. Passwords:Iterations was raised): not a password change, so the sessions stay.
        var passwordHash = check == PasswordVerificationResult.SuccessRehashNeeded ? passwords.Hash(login.Password) : State.PasswordHash;
        var state = State with { Sessions = started.Sessions, PasswordHash = passwordHash, Lockouts = State.Lockouts.AfterSuccess(source, now, _auth) };
        state = WithAttempt(state, attempt, now, true, "ok");
        await CommitAsync(state, [.. started.RevokedSessionIds.Select(id => SessionRevocation(id, now))]);
        return new LoginResult(LoginOutcome.Success, Issue(started.RefreshToken, started.Session, state));
    }

    public async Task<RefreshResult?> RefreshAsync(string refreshToken, ClientInfo client)
    {
        if (!State.Exists)
        {
            return null;
        }

        if (FindSession(refreshToken) is not (var parsed, var session) || State.Disabled)
        {
            return new RefreshResult(RefreshOutcome.Invalid);
        }

        return await ApplyAsync(RefreshRotationPolicy.Decide(session, PresentedRefreshToken.Native(parsed, refreshToken), client, Now, _auth), session);
    }

    public async Task<RefreshResult?> UseSlotTokenAsync(SlotTokenUse use)
    {
        if (!State.Exists)
        {
            return null;
        }

        var now = Now;
        if (State.Disabled || !WordPressRefreshToken.TryParse(use.Token, out var parsed) || parsed.UserNumber != State.Number
            || DeviceSessions.FindSlot(State.Sessions, use.Device, now) is not { } session)
        {
            return new RefreshResult(RefreshOutcome.Invalid);
        }

        var presented = PresentedRefreshToken.WordPress(parsed);
        return await ApplyAsync(RefreshRotationPolicy.DecideForSlot(session, presented, use.Rotate, use.Client, now, _auth), session, presented.Value);
    }

    /// <summary>Carries out a rotation decision on <paramref name="session"/>; <paramref name="presented"/> is what a use without rotation hands back.</summary>
    private async Task<RefreshResult> ApplyAsync(RefreshDecision decision, DeviceSession session, string? presented = null)
    {
        switch (decision.Verdict)
        {
            case RefreshVerdict.Rotate:
                var rotated = decision.Session!;
                await CommitAsync(State with { Sessions = State.Sessions.Replace(session, rotated) }, []);
                if (rotated.SealedSuccessor is not null)
                {
                    ScheduleSuccessorCleanup();
                }

                return new RefreshResult(RefreshOutcome.Success, Issue(decision.RefreshToken!, rotated, State));

            case RefreshVerdict.Retry:
                return new RefreshResult(RefreshOutcome.Success, Issue(decision.RefreshToken!, session, State));

            case RefreshVerdict.Valid:
                return new RefreshResult(RefreshOutcome.Success, Issue(presented!, session, State));

            case RefreshVerdict.Expired:
                // Access tokens never outlive their session, so an expired session needs no revocation entry.
                // A WordPress slot keeps its expired session, which answers "expired" until it is purged.
                if (session.Format == RefreshTokenFormat.Native)
                {
                    await CommitAsync(State with { Sessions = State.Sessions.Remove(session) }, []);
                }

                return new RefreshResult(RefreshOutcome.Expired);

            case RefreshVerdict.Reuse:
                Log.RefreshTokenReused(logger, UserId, session.SessionId, decision.RotationsAgo);
                await RevokeAsync([session], Now, "refresh token reuse");
                return new RefreshResult(RefreshOutcome.Obsolete);

            case RefreshVerdict.Obsolete:
                return new RefreshResult(RefreshOutcome.Obsolete);

            default:
                return new RefreshResult(RefreshOutcome.Invalid);
        }
    }

    public async Task<int?> LogoutWithRefreshTokenAsync(string refreshToken)
    {
        if (!State.Exists)
        {
            return null;
        }

        return FindSession(refreshToken) is (var parsed, var session) && RefreshRotationPolicy.IsAuthentic(session, PresentedRefreshToken.Native(parsed, refreshToken))
            ? await RevokeAsync([session], Now, "logout")
            : 0;
    }

    public Task<ImmutableArray<SessionView>?> ListSessionsAsync() =>
        Task.FromResult(State.Exists ? DeviceSessions.Listed(State.Sessions, Now) : (ImmutableArray<SessionView>?)null);

    public async Task<int?> RevokeDeviceAsync(string device)
    {
        if (!State.Exists)
        {
            return null;
        }

        return DeviceSessions.FindLiveByDevice(State.Sessions, device, Now) is { } session
            ? await RevokeAsync([session], Now, "device revoked")
            : 0;
    }

    public async Task<int?> RevokeSessionAsync(string sessionId)
    {
        if (!State.Exists)
        {
            return null;
        }

        return DeviceSessions.FindById(State.Sessions, sessionId) is { } session
            ? await RevokeAsync([session], Now, "session revoked")
            : 0;
    }

    public async Task<int?> RevokeAllSessionsAsync(string? keepSessionId) =>
        State.Exists
            ? await RevokeAsync([.. State.Sessions.Where(s => s.SessionId != keepSessionId)], Now, "all sessions revoked")
            : null;

    public async Task<PasswordChangeVerdict?> ChangePasswordAsync(PasswordChangeAttempt request)
    {
        if (!State.Exists)
        {
            return null;
        }

        var now = Now;
        // The access token proved the caller's session, so failures elsewhere do not lock it out.
        var source = request.KeepSessionId is { } sessionId ? LoginSource.OfSession(sessionId) : LoginSource.OfAddress(request.Client.Ip, State.Lockouts.Familiar);
        if (State.Lockouts.Remaining(source, now) is { } remaining)
        {
            return new PasswordChangeVerdict(PasswordChangeOutcome.Locked, RetryAfter: remaining);
        }

        // A stolen access token must not be a way to guess the password: a wrong one counts as a failed login.
        if (!passwords.Verify(State.PasswordHash, request.CurrentPassword))
        {
            await FailLoginAsync(new AttemptSource(request.AttemptedName, null, request.Client), source, now);
            return new PasswordChangeVerdict(PasswordChangeOutcome.InvalidCredentials);
        }

        if (Passwords.Weakness(request.NewPassword, State.Username) is { } weakness)
        {
            return new PasswordChangeVerdict(PasswordChangeOutcome.WeakPassword, Detail: weakness);
        }

        var others = State.Sessions.Where(s => s.SessionId != request.KeepSessionId).ToList();
        var state = State with
        {
            PasswordHash = passwords.Hash(request.NewPassword),
            Sessions = DeviceSessions.Remove(State.Sessions, others),
        };
        await CommitAsync(state, [.. others.Select(s => SessionRevocation(s.SessionId, now))]);
        return new PasswordChangeVerdict(PasswordChangeOutcome.Changed);
    }

    public async Task<PasswordChangeVerdict?> ResetPasswordAsync(string newPassword)
    {
        if (!State.Exists)
        {
            return null;
        }

        if (Passwords.Weakness(newPassword, State.Username) is { } weakness)
        {
            return new PasswordChangeVerdict(PasswordChangeOutcome.WeakPassword, Detail: weakness);
        }

        var now = Now;
        var state = State with { PasswordHash = passwords.Hash(newPassword), Sessions = [], Lockouts = LoginLockouts.None };
        await CommitAsync(state, [.. State.Sessions.Select(s => SessionRevocation(s.SessionId, now))]);
        return new PasswordChangeVerdict(PasswordChangeOutcome.Changed);
    }

    public async Task<UserView?> ClearLockoutsAsync()
    {
        if (!State.Exists)
        {
            return null;
        }

        await CommitAsync(State with { Lockouts = LoginLockouts.None }, []);
        return ToView(State);
    }

    public async Task<bool> DeliverRevocationsAsync()
    {
        // Asked by the sweep, so already on its list (and listing again would call back into the busy sweep).
        _listedForSweep = true;
        return State.UnpublishedRevocations.IsEmpty || await TryPublishOutboxAsync();
    }

    public async Task<UserView?> SetDisabledAsync(bool disabled)
    {
        if (!State.Exists)
        {
            return null;
        }

        var now = Now;
        if (disabled)
        {
            var revocations = State.Sessions.Select(s => SessionRevocation(s.SessionId, now)).Append(UserRevocation(RevocationKind.UserBlocked, now));
            await CommitAsync(State with { Disabled = true, Sessions = [] }, [.. revocations]);
        }
        else
        {
            var state = State with { Disabled = false, Lockouts = LoginLockouts.None };
            await CommitAsync(state, [UserRevocation(RevocationKind.UserUnblocked, now)]);
        }

        return ToView(State);
    }

    public async Task<UserView?> DeleteAsync()
    {
        if (!State.Exists)
        {
            return null;
        }

        var now = Now;
        var profile = ToView(State);
        var revocations = State.Sessions.Select(s => SessionRevocation(s.SessionId, now))
            .Append(UserRevocation(RevocationKind.UserBlocked, now)).ToImmutableArray();
        // The user is gone, but its outbox stays until the authority has the revocations.
        await CommitAsync(new UserState { UnpublishedRevocations = State.UnpublishedRevocations }, revocations);
        await GrainFactory.Grain<IUsernameGrain>(Usernames.Normalize(profile.Username)).ReleaseAsync(UserId);
        // Best effort: a listing left behind is harmless, since readers confirm with the user, who is gone.
        await TryUnlistEmailAsync(profile.Profile.Email);
        return profile;
    }

    public Task<ImmutableArray<LoginAttempt>?> GetLoginAttemptsAsync() =>
        Task.FromResult(State.Exists ? State.LoginAttempts.ToImmutableArray() : (ImmutableArray<LoginAttempt>?)null);

    private async Task FailLoginAsync(AttemptSource attempt, LoginSource source, DateTimeOffset now)
    {
        var lockouts = State.Lockouts.AfterFailure(source, now, _auth, out var lockedUntil);
        if (lockedUntil is not null)
        {
            Log.UserLockedOut(logger, UserId, lockedUntil.Value - now);
        }

        await CommitAsync(WithAttempt(State with { Lockouts = lockouts }, attempt, now, false, "invalid_credentials"), []);
    }

    /// <summary>The login's own session when it proves one (its current refresh token), else its address.</summary>
    private LoginSource SourceOf(PasswordLogin login, DateTimeOffset now) =>
        login.RefreshToken is { } token && FindSession(token) is (var parsed, var session) && RefreshRotationPolicy.IsCurrent(session, PresentedRefreshToken.Native(parsed, token), now)
            ? LoginSource.OfSession(session.SessionId)
            : LoginSource.OfAddress(login.Client.Ip, State.Lockouts.Familiar);

    /// <summary>Removes the sessions and revokes their access tokens; answers how many it revoked.</summary>
    private async Task<int> RevokeAsync(IReadOnlyCollection<DeviceSession> sessions, DateTimeOffset now, string reason)
    {
        if (sessions.Count == 0)
        {
            return 0;
        }

        foreach (var session in sessions)
        {
            Log.SessionRevoked(logger, UserId, session.SessionId, reason);
        }

        var state = State with { Sessions = DeviceSessions.Remove(State.Sessions, sessions) };
        await CommitAsync(state, [.. sessions.Select(s => SessionRevocation(s.SessionId, now))]);
        return sessions.Count;
    }

    /// <summary>
    /// Every change goes through here. The revocations it makes are written in the same state (the
    /// outbox), so once the write succeeded they cannot be lost; then they are published. A failed
    /// publish does not undo an acknowledged change: the outbox is offered again until the authority
    /// takes it.
    /// </summary>
    private async Task CommitAsync(UserState next, ImmutableArray<RevocationEntry> revocations)
    {
        if (revocations.Length > 0)
        {
            next = next with { UnpublishedRevocations = next.UnpublishedRevocations.AddRange(revocations) };
        }

        await WriteAsync(next);
        if (revocations.Length > 0)
        {
            await TryPublishOutboxAsync();
        }
    }

    /// <summary>Writes <paramref name="next"/> unless nothing changed, dropping closed grace windows on the way (the timer only covers idle grains).</summary>
    private Task WriteAsync(UserState next) =>
        ReferenceEquals(next, store.State) ? Task.CompletedTask : store.WriteAsync(WithoutClosedSuccessors(next, Now), this, logger);

    /// <summary>
    /// Publishes the outbox. Once the authority has it, it is emptied in memory only: the next write
    /// stores that, and until then a new activation publishes the same entries again, which the
    /// authority takes as a no-op.
    /// </summary>
    private async Task<bool> TryPublishOutboxAsync()
    {
        var pending = State.UnpublishedRevocations;
        try
        {
            await GrainFactory.Grain<IRevocationAuthorityGrain>(RevocationAuthority.Id).PublishAsync([.. pending]);
        }
        catch (Exception e)
        {
            Log.RevocationPublishFailed(logger, e, UserId, pending.Count);
            await ListForSweepAsync();
            ScheduleOutboxRetry();
            return false;
        }

        store.State = State with { UnpublishedRevocations = State.UnpublishedRevocations.RemoveRange(pending) };
        return true;
    }

    /// <summary>
    /// Puts this user on the sweep's list, so the outbox is delivered even if this silo dies before the
    /// retry timer succeeds. Best effort: when storage is down too, the timer is all there is.
    /// </summary>
    private async Task ListForSweepAsync()
    {
        if (_listedForSweep)
        {
            return;
        }

        try
        {
            await GrainFactory.Grain<IOutboxSweepGrain>(IOutboxSweepGrain.Id).AddAsync(UserId);
            _listedForSweep = true;
        }
        catch (Exception e)
        {
            Log.RevocationPublishFailed(logger, e, UserId, State.UnpublishedRevocations.Count);
        }
    }

    private void ScheduleOutboxRetry() =>
        _outboxRetry ??= this.RegisterGrainTimer(
            RetryOutboxAsync,
            new GrainTimerCreationOptions(OutboxRetryInterval, OutboxRetryInterval) { KeepAlive = true });

    private async Task RetryOutboxAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var live = State.UnpublishedRevocations.RemoveAll(e => e.ExpiresAt <= now);
        if (live.Count != State.UnpublishedRevocations.Count)
        {
            store.State = State with { UnpublishedRevocations = live };
        }

        if (live.IsEmpty || await TryPublishOutboxAsync())
        {
            _outboxRetry?.Dispose();
            _outboxRetry = null;
        }
    }

    /// <summary>The session the token names, when the token is well formed and this user's; not yet proof that it is authentic.</summary>
    private (RefreshToken Parsed, DeviceSession Session)? FindSession(string refreshToken) =>
        RefreshToken.TryParse(refreshToken, out var parsed) && parsed.UserId == UserId
            && DeviceSessions.FindById(State.Sessions, parsed.SessionId) is { } session
            ? (parsed, session)
            : null;

    private void ScheduleSuccessorCleanup()
    {
        if (RefreshRotationPolicy.NextWindowClose(State.Sessions, _auth.RefreshReuseGrace) is not { } nextClose)
        {
            _successorCleanup?.Dispose();
            _successorCleanup = null;
            return;
        }

        var now = Now;
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
        await CommitAsync(WithoutClosedSuccessors(State, Now), []);
        ScheduleSuccessorCleanup();
    }

    /// <summary><paramref name="state"/> itself when no grace window has closed, so nothing is written.</summary>
    private UserState WithoutClosedSuccessors(UserState state, DateTimeOffset now)
    {
        var sessions = RefreshRotationPolicy.WithoutClosedSuccessors(state.Sessions, now, _auth.RefreshReuseGrace);
        return ReferenceEquals(sessions, state.Sessions) ? state : state with { Sessions = sessions };
    }

    private UserState WithAttempt(UserState state, AttemptSource source, DateTimeOffset now, bool succeeded, string reason)
    {
        var attempt = new LoginAttempt(now, succeeded, reason, source.AttemptedName, source.Device, source.Client.Ip, source.Client.UserAgent);
        var attempts = LoginAttemptLog.Append(state.LoginAttempts, attempt, _auth.LoginAttemptLog, _auth.LoginAttemptsKept);
        return ReferenceEquals(attempts, state.LoginAttempts) ? state : state with { LoginAttempts = attempts };
    }

    private IssuedSession Issue(string refreshToken, DeviceSession session, UserState state) =>
        new(refreshToken, session.SessionId, session.Device, session.ExpiresAt, ToView(state));

    private UserView ToView(UserState state) =>
        new(UserId, state.Username!, state.Roles, state.Disabled, state.CreatedAt) { Number = state.Number, Profile = state.Profile, Claims = state.Claims };

    /// <summary>
    /// Gives a user stored before numbers existed its number. Best effort: logins must not fail because the
    /// sequence is unreachable, so a failure is logged and the next read or change tries again.
    /// </summary>
    private async Task TryGiveNumberAsync()
    {
        if (!State.Exists || State.Number is not null)
        {
            return;
        }

        try
        {
            var number = await ClaimNextNumberAsync();
            await CommitAsync(State with { Number = number }, []);
        }
        catch (Exception e)
        {
            Log.UserNumberAssignFailed(logger, e, UserId);
        }
    }

    /// <summary>
    /// Lists the user under its profile's email (and off the one it had) in the email index. Best effort,
    /// as numbers are: a failure is logged and the next activation or change tries again.
    /// </summary>
    private async Task TrySyncEmailIndexAsync()
    {
        var email = State.Profile.Email is { Length: > 0 } address ? UserEmails.Normalize(address) : null;
        if (!State.Exists || email == State.IndexedEmail)
        {
            return;
        }

        try
        {
            if (email is not null)
            {
                await GrainFactory.Grain<IUserEmailGrain>(email).AddAsync(UserId);
            }

            if (State.IndexedEmail is { } old)
            {
                await GrainFactory.Grain<IUserEmailGrain>(old).RemoveAsync(UserId);
            }

            await CommitAsync(State with { IndexedEmail = email }, []);
        }
        catch (Exception e)
        {
            Log.EmailIndexFailed(logger, e, UserId);
        }
    }

    private async Task TryUnlistEmailAsync(string? email)
    {
        try
        {
            if (email is { Length: > 0 })
            {
                await GrainFactory.Grain<IUserEmailGrain>(UserEmails.Normalize(email)).RemoveAsync(UserId);
            }
        }
        catch (Exception e)
        {
            Log.EmailIndexFailed(logger, e, UserId);
        }
    }

    /// <summary>The next number of the sequence that this user could claim; numbers set explicitly (imports) are skipped.</summary>
    private async Task<long> ClaimNextNumberAsync()
    {
        var sequence = GrainFactory.Grain<IUserNumberSequenceGrain>(IUserNumberSequenceGrain.Id);
        for (var attempt = 0; attempt < NumberAttempts; attempt++)
        {
            var number = await sequence.NextAsync();
            if (await GrainFactory.Grain<IUserNumberGrain>(number).TryClaimAsync(UserId))
            {
                return number;
            }
        }

        throw new InvalidOperationException($"No free user number after {NumberAttempts} attempts.");
    }

    private RevocationEntry SessionRevocation(string sessionId, DateTimeOffset now) =>
        new(RevocationKind.Session, sessionId, now + _auth.RevocationRetention);

    private RevocationEntry UserRevocation(RevocationKind kind, DateTimeOffset now) =>
        new(kind, UserId, now + _auth.RevocationRetention);

    /// <summary>Who tried a password, as the login-attempt log records it.</summary>
    private sealed record AttemptSource(string? AttemptedName, string? Device, ClientInfo Client);
}
