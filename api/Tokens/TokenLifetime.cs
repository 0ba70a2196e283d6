using SessionService.Api.Http;

namespace SessionService.Api.Tokens;

/// <summary>The one rule for a signed token's lifetime now: <c>exp</c> and <c>nbf</c>/<c>iat</c> with <c>Auth:ClockSkew</c> leeway.</summary>
public sealed class TokenLifetime(string kindName)
{
    private readonly TokenRejection _expired = new(ErrorCodes.ExpiredToken, $"The {kindName} has expired.");
    private readonly TokenRejection _notYetValid = new(ErrorCodes.InvalidToken, $"The {kindName} is not valid yet.");

    /// <summary>Null when a token of these times is valid at <paramref name="now"/> (unix seconds), else why not.</summary>
    public TokenRejection? Check(long expiresAt, long notBefore, long now, long skewSeconds) =>
        now >= expiresAt + skewSeconds ? _expired
        : notBefore > now + skewSeconds ? _notYetValid
        : null;
}
