namespace SessionService.Grains.Tokens;

/// <summary>Mints a device session's refresh tokens in the session's own format.</summary>
public static class SessionRefreshTokens
{
    public static string Mint(RefreshTokenFormat format, string userId, long userNumber, string sessionId, long generation, byte[] lineageKey) =>
        format == RefreshTokenFormat.WordPress
            ? WordPressRefreshToken.Mint(userNumber, lineageKey)
            : RefreshToken.Mint(userId, sessionId, generation, lineageKey);
}
