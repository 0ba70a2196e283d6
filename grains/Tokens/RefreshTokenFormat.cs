namespace SessionService.Grains.Tokens;

/// <summary>The outward shape of a device session's refresh tokens; the session keeps the one it was started with.</summary>
public enum RefreshTokenFormat
{
    /// <summary><see cref="RefreshToken"/>: <c>userId.sessionId.generation.secret.tag</c>.</summary>
    Native = 0,

    /// <summary><see cref="WordPressRefreshToken"/>: the WordPress JWT Auth plugin's <c>userNumber.hex</c>.</summary>
    WordPress = 1,
}
