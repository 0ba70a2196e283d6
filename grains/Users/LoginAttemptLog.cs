using System.Collections.Immutable;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Users;

/// <summary>
/// The per-user log of login attempts (what CodeIgniter Shield logs): newest first, bounded by
/// <c>Auth:LoginAttemptsKept</c> so a stream of guesses cannot grow the user's state without end, and
/// filtered by <c>Auth:LoginAttemptLog</c>.
/// </summary>
public static class LoginAttemptLog
{
    /// <summary>The log with <paramref name="attempt"/> first; <paramref name="log"/> itself when the mode does not keep it.</summary>
    public static ImmutableList<LoginAttempt> Append(ImmutableList<LoginAttempt> log, LoginAttempt attempt, LoginAttemptLogMode mode, int kept)
    {
        var keep = mode switch
        {
            LoginAttemptLogMode.All => true,
            LoginAttemptLogMode.Failures => !attempt.Succeeded,
            _ => false,
        };
        if (!keep)
        {
            return log;
        }

        var attempts = log.Insert(0, attempt);
        return attempts.Count > kept ? attempts.RemoveRange(kept, attempts.Count - kept) : attempts;
    }
}
