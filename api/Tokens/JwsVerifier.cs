using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SessionService.Grains.Keys;

namespace SessionService.Api.Tokens;

/// <summary>
/// Verifies compact JWS tokens of one <see cref="TokenKind{TIdentity}"/>: canonical encoding, then
/// signature by <c>kid</c> with an allowed algorithm, <c>typ</c>, <c>iss</c>, <c>aud</c>, no <c>crit</c>,
/// then claim shapes. What it verifies never changes for a given token string, so a token presented
/// again is answered from a bounded cache; what can change (lifetime, revocation) is for the caller.
/// </summary>
public sealed class JwsVerifier<TIdentity>
    where TIdentity : class
{
    private readonly TokenKind<TIdentity> _kind;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;
    private readonly VerifiedTokenCache<TIdentity> _verified;
    private readonly TokenRejection _malformed;
    private readonly TokenRejection _invalid;
    private readonly TokenRejection _badIssuer;
    private readonly TokenRejection _badAudience;
    private readonly TokenRejection _critical;
    private readonly TokenRejection _missingClaim;

    public JwsVerifier(TokenKind<TIdentity> kind)
    {
        var unknown = kind.Algorithms.Where(a => JwsAlgorithms.Find(a) is null).ToList();
        if (kind.Algorithms.Count == 0 || unknown.Count > 0)
        {
            throw new ArgumentException($"The {kind.Name} kind must allow only known algorithms, at least one (unknown: {string.Join(", ", unknown)}).", nameof(kind));
        }

        _kind = kind;
        _verified = new VerifiedTokenCache<TIdentity>(kind.CacheSize);
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = kind.Issuer,
            ValidAudience = kind.Audience,
            ValidTypes = [kind.Type],
            ValidAlgorithms = kind.Algorithms,
            IssuerSigningKeyResolver = (_, _, kid, _) => kind.FindKey(kid) is { } key ? [key] : [],
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            // Lifetime changes while a token is presented, so it is not part of what gets cached.
            ValidateLifetime = false,
        };
        _malformed = new(kind.InvalidCode, $"The {kind.Name} is malformed.");
        _invalid = new(kind.InvalidCode, $"The {kind.Name} is not valid.");
        _badIssuer = new(kind.BadIssuerCode, "The token was not issued by this service.");
        _badAudience = new(kind.BadAudienceCode, "The token is not meant for this audience.");
        _critical = new(kind.InvalidCode, "The token has critical header parameters this service does not understand.");
        _missingClaim = new(kind.InvalidCode, "The token lacks a required claim or has one of the wrong type.");
    }

    public TokenKind<TIdentity> Kind => _kind;

    public async ValueTask<JwsVerification<TIdentity>> VerifyAsync(string token)
    {
        if (CheckEncoding(token) is { } malformed)
        {
            return malformed;
        }

        if (_verified.TryGet(token, out var cached))
        {
            return new(cached, null);
        }

        // Strict JSON before the library reads it: a duplicate alg, kid or sub is refused, never resolved.
        var firstDot = token.IndexOf('.');
        var secondDot = token.IndexOf('.', firstDot + 1);
        if (CompactJws.ReadObject(token.AsSpan(0, firstDot)) is null
            || CompactJws.ReadObject(token.AsSpan(firstDot + 1, secondDot - firstDot - 1)) is not { } claims)
        {
            return _malformed;
        }

        var (jwt, rejection) = await CheckSignatureAsync(token);
        if (rejection is not null)
        {
            return rejection;
        }

        if (RejectCriticalHeader(jwt!) is { } critical)
        {
            return critical;
        }

        if (CheckClaimShapes(claims) is { } badClaim)
        {
            return badClaim;
        }

        var identity = _kind.ReadIdentity(claims);
        _verified.Verified(token, identity);
        return new(identity, null);
    }

    /// <summary>
    /// Bounded length and the canonical compact serialization (so never a JWE, a JSON serialization, or a
    /// re-encoding of a verified token), checked before the cache as well as before the library.
    /// </summary>
    private TokenRejection? CheckEncoding(string token) =>
        CompactJws.IsCanonical(token, _kind.MaxLength) ? null : _malformed;

    /// <summary>Signature with the key named by <c>kid</c> and an allowed <c>alg</c>; <c>typ</c>, <c>iss</c>, <c>aud</c>.</summary>
    private async Task<(JsonWebToken? Token, TokenRejection? Rejection)> CheckSignatureAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (result.IsValid)
        {
            return ((JsonWebToken)result.SecurityToken, null);
        }

        return (null, result.Exception switch
        {
            SecurityTokenInvalidIssuerException => _badIssuer,
            SecurityTokenInvalidAudienceException => _badAudience,
            _ => _invalid,
        });
    }

    /// <summary>RFC 7515 4.1.11: a recipient that does not understand a critical extension must refuse the token.</summary>
    private TokenRejection? RejectCriticalHeader(JsonWebToken jwt) =>
        jwt.TryGetHeaderValue<object>("crit", out _) ? _critical : null;

    private TokenRejection? CheckClaimShapes(JsonElement claims)
    {
        if (claims.ValueKind != JsonValueKind.Object)
        {
            return _missingClaim;
        }

        foreach (var (name, shape) in _kind.RequiredClaims)
        {
            if (!claims.TryGetProperty(name, out var value) || !Fits(value, shape))
            {
                return _missingClaim;
            }
        }

        foreach (var (name, shape) in _kind.OptionalClaims)
        {
            if (claims.TryGetProperty(name, out var value) && !Fits(value, shape))
            {
                return new(_kind.InvalidCode, $"The {name} claim must be {Describe(shape)}.");
            }
        }

        return null;
    }

    private static bool Fits(JsonElement value, ClaimShape shape) => shape switch
    {
        ClaimShape.NonEmptyString => value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 },
        ClaimShape.IntegerTime => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        ClaimShape.StringArray => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String),
        ClaimShape.StringMap => value.ValueKind == JsonValueKind.Object && value.EnumerateObject().All(item => item.Value.ValueKind == JsonValueKind.String),
        _ => false,
    };

    private static string Describe(ClaimShape shape) => shape switch
    {
        ClaimShape.NonEmptyString => "a non-empty string",
        ClaimShape.IntegerTime => "an integer NumericDate",
        ClaimShape.StringMap => "an object of strings",
        _ => "an array of strings",
    };
}
