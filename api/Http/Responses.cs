using System.Text.Json;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Http;

// The contract's response bodies; property names become snake_case on the wire.

public sealed record UserSummary(string Id, string Username, IReadOnlyList<string> Roles)
{
    public static UserSummary From(UserView user) => new(user.Id, user.Username, user.Roles);
}

public sealed record UserDetails(
    string Id,
    string Username,
    IReadOnlyList<string> Roles,
    bool Disabled,
    DateTimeOffset CreatedAt,
    long? Number,
    string? Email,
    string? DisplayName,
    string? FirstName,
    string? LastName,
    IReadOnlyDictionary<string, JsonElement> Claims)
{
    public static UserDetails From(UserView user) =>
        new(user.Id, user.Username, user.Roles, user.Disabled, user.CreatedAt, user.Number,
            user.Profile.Email, user.Profile.DisplayName, user.Profile.FirstName, user.Profile.LastName,
            user.Claims.ToDictionary(c => c.Key, c => JsonDocument.Parse(c.Value).RootElement.Clone(), StringComparer.Ordinal));
}

/// <summary>A page of <c>GET /users</c>: pass <see cref="Next"/> as <c>after</c> for the following page; null at the end.</summary>
public sealed record UserListResponse(UserDetails[] Data, string? Next);

public sealed record TokenResponse(
    string AccessToken,
    string TokenType,
    long ExpiresIn,
    string RefreshToken,
    long RefreshExpiresIn,
    string Device,
    UserSummary User);

public sealed record ValidateResponse(bool Valid, string Sub, string Sid, long Exp, JsonElement Claims);

public sealed record SessionResponse(
    string Device,
    string? DeviceName,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt,
    DateTimeOffset ExpiresAt,
    string? Ip,
    string? UserAgent,
    bool Current)
{
    public static SessionResponse From(SessionView s, string? currentSessionId) =>
        new(s.Device, Shown(s.DeviceName), s.CreatedAt, s.LastUsedAt, s.ExpiresAt, s.Ip, Shown(s.UserAgent), s.SessionId == currentSessionId);

    // Text stored before hidden characters were refused may still hold some. Device ids are shown as stored:
    // the shown id is the one that revokes the session.
    internal static string? Shown(string? text) => text is null ? null : ClientText.StripHidden(text);
}

public sealed record LoginAttemptResponse(
    DateTimeOffset At, bool Succeeded, string Reason, string UserId, string? Username, string? Device, string? Ip, string? UserAgent)
{
    public static LoginAttemptResponse From(LoginAttempt a, string userId) =>
        new(a.At, a.Succeeded, a.Reason, userId, a.Username, a.Device, a.Ip, SessionResponse.Shown(a.UserAgent));
}

public sealed record KeyRotationResponse(string Kid);

// Request bodies, for the OpenAPI document only: handlers read fields through RequestFields.

public sealed record TokenRequest(string Username, string Password, string? Device, string? DeviceName);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record PasswordChangeRequest(string CurrentPassword, string NewPassword);

public sealed record CreateUserRequest(
    string Username,
    string Password,
    IReadOnlyList<string>? Roles,
    long? Number,
    string? Email,
    string? DisplayName,
    string? FirstName,
    string? LastName,
    JsonElement? Claims);

/// <summary>A JSON merge patch: a field left out is unchanged, null clears it; <c>claims</c> replaces the whole set.</summary>
public sealed record PatchUserRequest(string? Email, string? DisplayName, string? FirstName, string? LastName, JsonElement? Claims);
