using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SessionService.Api.Http;
using SessionService.Grains;

namespace SessionService.Api.Tokens;

/// <summary>
/// Validates access tokens on this node alone: signature by <c>kid</c> with the allowed algorithm only,
/// <c>typ</c>, <c>iss</c>, <c>aud</c>, claim types, lifetime with a small leeway, then the revocation set.
/// </summary>
public sealed class AccessTokenValidator
{
    public const int MaxTokenLength = 8 * 1024;

    /// <summary>Bounds the cache of verified tokens; when full it starts over.</summary>
    public const int VerifiedCacheSize = 20_000;
    private static readonly string[] RequiredStringClaims = ["sub", "sid", "jti"];
    private static readonly string[] RequiredTimeClaims = ["exp", "iat", "nbf"];

    private readonly JsonWebTokenHandler _handler = new();
    private readonly VerifiedTokenCache _verified = new(VerifiedCacheSize);
    private readonly TokenValidationParameters _parameters;
    private readonly RevocationSet _revocations;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _skew;

    public AccessTokenValidator(SigningKeys keys, RevocationSet revocations, IOptions<AuthOptions> options, [FromKeyedServices(SessionClock.Key)] TimeProvider clock)
    {
        _revocations = revocations;
        _clock = clock;
        _skew = options.Value.ClockSkew;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = options.Value.Issuer,
            ValidAudience = options.Value.Audience,
            ValidTypes = [AccessTokenIssuer.TokenType],
            ValidAlgorithms = [keys.Algorithm],
            IssuerSigningKeyResolver = (_, _, kid, _) => keys.Find(kid) is { } key ? [key] : [],
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            // Lifetime is checked below with the injected clock and strict claim types.
            ValidateLifetime = false,
            ClockSkew = options.Value.ClockSkew,
        };
    }

    public async Task<TokenCheck> ValidateAsync(string token)
    {
        if (token.Length > MaxTokenLength || token.AsSpan().Count('.') != 2)
        {
            return TokenCheck.Fail(ErrorCodes.InvalidToken, "The access token is malformed.");
        }

        // Clients present the same token for minutes; its signature and claims need checking once.
        // Lifetime and revocation are checked on every request all the same.
        if (!_verified.TryGet(token, out var identity))
        {
            var check = await VerifyAsync(token);
            if (check.Identity is null)
            {
                return check;
            }

            identity = check.Identity;
            _verified.Verified(token, identity);
        }

        return CheckLiveness(identity);
    }

    /// <summary>Signature, header and claim shapes: what never changes for a given token string.</summary>
    private async Task<TokenCheck> VerifyAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid)
        {
            return result.Exception switch
            {
                SecurityTokenInvalidIssuerException => TokenCheck.Fail(ErrorCodes.BadIssuer, "The token was not issued by this service."),
                SecurityTokenInvalidAudienceException => TokenCheck.Fail(ErrorCodes.BadAudience, "The token is not meant for this audience."),
                _ => TokenCheck.Fail(ErrorCodes.InvalidToken, "The access token is not valid."),
            };
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (jwt.TryGetHeaderValue<object>("crit", out _))
        {
            return TokenCheck.Fail(ErrorCodes.InvalidToken, "The token has critical header parameters this service does not understand.");
        }

        return CheckClaims(jwt);
    }

    private TokenCheck CheckClaims(JsonWebToken jwt)
    {
        JsonElement claims;
        try
        {
            using var document = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
            claims = document.RootElement.Clone();
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return TokenCheck.Fail(ErrorCodes.InvalidToken, "The token payload is not a JSON object.");
        }

        if (claims.ValueKind != JsonValueKind.Object
            || RequiredStringClaims.Any(name => !claims.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.String || v.GetString() is not { Length: > 0 })
            || RequiredTimeClaims.Any(name => !claims.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out _)))
        {
            return TokenCheck.Fail(ErrorCodes.InvalidToken, "The token lacks a required claim or has one of the wrong type.");
        }

        var roles = new List<string>();
        if (claims.TryGetProperty("roles", out var roleClaim))
        {
            if (roleClaim.ValueKind != JsonValueKind.Array || roleClaim.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
            {
                return TokenCheck.Fail(ErrorCodes.InvalidToken, "The roles claim must be an array of strings.");
            }

            roles.AddRange(roleClaim.EnumerateArray().Select(r => r.GetString()!));
        }

        var username = claims.TryGetProperty("preferred_username", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
        var notBefore = Math.Max(claims.GetProperty("nbf").GetInt64(), claims.GetProperty("iat").GetInt64());
        return new TokenCheck(new AccessTokenIdentity(
            claims.GetProperty("sub").GetString()!,
            claims.GetProperty("sid").GetString()!,
            username,
            roles,
            claims.GetProperty("exp").GetInt64(),
            notBefore,
            claims), null, null);
    }

    /// <summary>What can change while a token is presented: the time, and revocations.</summary>
    private TokenCheck CheckLiveness(AccessTokenIdentity identity)
    {
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var skew = (long)_skew.TotalSeconds;
        if (now >= identity.ExpiresAt + skew)
        {
            return TokenCheck.Fail(ErrorCodes.ExpiredToken, "The access token has expired.");
        }

        if (identity.NotBefore > now + skew)
        {
            return TokenCheck.Fail(ErrorCodes.InvalidToken, "The access token is not valid yet.");
        }

        if (_revocations.IsUserBlocked(identity.UserId))
        {
            return TokenCheck.Fail(ErrorCodes.UserNotFound, "The user no longer exists or is disabled.");
        }

        if (_revocations.IsSessionRevoked(identity.SessionId))
        {
            return TokenCheck.Fail(ErrorCodes.ObsoleteToken, "The session of this token has been revoked.");
        }

        return new TokenCheck(identity, null, null);
    }
}
