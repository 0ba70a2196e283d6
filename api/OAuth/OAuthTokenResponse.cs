namespace SessionService.Api.OAuth;

/// <summary>RFC 6749 §5.1's success body (snake_case by the API's JSON options); <see cref="RefreshExpiresIn"/> is ours, as on /auth/token.</summary>
public sealed record OAuthTokenResponse(string AccessToken, string TokenType, long ExpiresIn, string RefreshToken, long RefreshExpiresIn);
