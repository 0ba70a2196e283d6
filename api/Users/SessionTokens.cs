using SessionService.Api.Telemetry;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Tokens;

namespace SessionService.Api.Users;

/// <summary>
/// Refresh-token use shared by every surface: rotation and logout. The token names its user, so it goes
/// straight to that user's grain, which alone decides rotation and reuse; a token that does not parse
/// never reaches a grain.
/// </summary>
public sealed class SessionTokens(IGrainFactory grains)
{
    public async Task<RefreshResult> RefreshAsync(string? refreshToken, ClientInfo client)
    {
        var result = RefreshToken.TryParse(refreshToken, out var parsed)
            && await grains.Grain<IUserGrain>(parsed.UserId).RefreshAsync(refreshToken!, client) is { } answered
            ? answered
            : new RefreshResult(RefreshOutcome.Invalid);
        ApiMetrics.RecordRefresh(result.Outcome);
        return result;
    }

    /// <summary>
    /// A WordPress JWT Auth refresh token for a device slot: it names its user by number. With
    /// <paramref name="rotate"/> it is exchanged for a successor (and counted as a refresh), else it only proves the session.
    /// </summary>
    public async Task<RefreshResult> UseSlotTokenAsync(string token, string device, bool rotate, ClientInfo client)
    {
        var result = WordPressRefreshToken.TryParse(token, out var parsed)
            && await grains.Grain<IUserNumberGrain>(parsed.UserNumber).GetHolderAsync() is { } userId
            && await grains.Grain<IUserGrain>(userId).UseSlotTokenAsync(new SlotTokenUse(token, device, rotate, client)) is { } answered
            ? answered
            : new RefreshResult(RefreshOutcome.Invalid);
        if (rotate)
        {
            ApiMetrics.RecordRefresh(result.Outcome);
        }

        return result;
    }

    /// <summary>Revokes the session of an authentic refresh token; anything else changes nothing.</summary>
    public async Task LogoutAsync(string? refreshToken)
    {
        if (RefreshToken.TryParse(refreshToken, out var parsed))
        {
            await grains.Grain<IUserGrain>(parsed.UserId).LogoutWithRefreshTokenAsync(refreshToken!);
        }
    }

    public Task RevokeSessionAsync(string userId, string sessionId) =>
        grains.Grain<IUserGrain>(userId).RevokeSessionAsync(sessionId);
}
