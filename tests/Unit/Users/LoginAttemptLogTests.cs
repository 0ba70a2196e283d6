using System.Collections.Immutable;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Users;
using static SessionService.Tests.Unit.Users.PolicyFixtures;

namespace SessionService.Tests.Unit.Users;

public sealed class LoginAttemptLogTests
{
    private static LoginAttempt Attempt(int minute, bool succeeded) =>
        new(Start.AddMinutes(minute), succeeded, succeeded ? "ok" : "invalid_credentials", "alice", $"d{minute}", Client.Ip, Client.UserAgent);

    [Theory]
    [InlineData(LoginAttemptLogMode.None, false, false)]
    [InlineData(LoginAttemptLogMode.Failures, false, true)]
    [InlineData(LoginAttemptLogMode.All, true, true)]
    public void Append_KeepsWhatTheModeAsksFor(LoginAttemptLogMode mode, bool keepsSuccess, bool keepsFailure)
    {
        ImmutableList<LoginAttempt> empty = [];

        Assert.Equal(keepsSuccess, LoginAttemptLog.Append(empty, Attempt(0, true), mode, 20).Count == 1);
        Assert.Equal(keepsFailure, LoginAttemptLog.Append(empty, Attempt(0, false), mode, 20).Count == 1);
    }

    [Fact]
    public void Append_ReturnsTheSameLog_WhenTheAttemptIsNotKept()
    {
        ImmutableList<LoginAttempt> log = [Attempt(0, false)];

        Assert.Same(log, LoginAttemptLog.Append(log, Attempt(1, true), LoginAttemptLogMode.Failures, 20));
    }

    [Fact]
    public void Append_PutsNewestFirst_AndDropsTheOldestBeyondTheBound()
    {
        ImmutableList<LoginAttempt> log = [];
        for (var minute = 0; minute < 8; minute++)
        {
            log = LoginAttemptLog.Append(log, Attempt(minute, false), LoginAttemptLogMode.All, 5);
        }

        Assert.Equal(["d7", "d6", "d5", "d4", "d3"], log.Select(a => a.Device));
    }
}
