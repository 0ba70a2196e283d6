using Microsoft.Extensions.Logging;

namespace SessionService.Grains;

/// <summary>Log messages of the grains. Ids only: never a token, a hash of one, or a password.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, EventName = "SessionRevoked", Level = LogLevel.Information,
        Message = "Session {SessionId} of user {UserId} revoked: {Reason}")]
    public static partial void SessionRevoked(ILogger logger, string userId, string sessionId, string reason);

    [LoggerMessage(EventId = 1002, EventName = "RefreshTokenReused", Level = LogLevel.Warning,
        Message = "Refresh token reuse on session {SessionId} of user {UserId} ({RotationsAgo} rotations ago); revoking the session")]
    public static partial void RefreshTokenReused(ILogger logger, string userId, string sessionId, long rotationsAgo);

    [LoggerMessage(EventId = 1003, EventName = "UserLockedOut", Level = LogLevel.Warning,
        Message = "User {UserId} locked out for {Duration}")]
    public static partial void UserLockedOut(ILogger logger, string userId, TimeSpan duration);

    [LoggerMessage(EventId = 1004, EventName = "RevocationPublishFailed", Level = LogLevel.Warning,
        Message = "Could not publish {Count} revocations of user {UserId}; they stay in its outbox and are retried")]
    public static partial void RevocationPublishFailed(ILogger logger, Exception exception, string userId, int count);

    [LoggerMessage(EventId = 1005, EventName = "StateWriteFailed", Level = LogLevel.Warning,
        Message = "Writing the state of {GrainId} failed; the change is dropped and the grain reloads from storage")]
    public static partial void StateWriteFailed(ILogger logger, Exception exception, string grainId);

    [LoggerMessage(EventId = 1006, EventName = "ConsumerAnnounceFailed", Level = LogLevel.Warning,
        Message = "Could not announce consumer directory version {Version} to the API nodes; retrying")]
    public static partial void ConsumerAnnounceFailed(ILogger logger, Exception exception, long version);

    [LoggerMessage(EventId = 1007, EventName = "UserNumberAssignFailed", Level = LogLevel.Warning,
        Message = "Could not give user {UserId} a number yet; the next read or change of it tries again")]
    public static partial void UserNumberAssignFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(EventId = 1008, EventName = "EmailIndexFailed", Level = LogLevel.Warning,
        Message = "Could not update the email index for user {UserId} yet; the next activation or change tries again")]
    public static partial void EmailIndexFailed(ILogger logger, Exception exception, string userId);
}
