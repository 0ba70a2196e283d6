using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using SessionService.Api.Http;

namespace SessionService.Api.Tokens;

/// <summary>
/// What one kind of signed token must look like, declared once and handed to a <see cref="JwsVerifier{TIdentity}"/>:
/// its <c>typ</c>, issuer, audience, allowed algorithms, keys, claims and the error codes it is refused with.
/// </summary>
/// <typeparam name="TIdentity">What a verified token of this kind is read into.</typeparam>
public sealed record TokenKind<TIdentity>
{
    /// <summary>Used in error details, e.g. "The access token is malformed.".</summary>
    public required string Name { get; init; }

    /// <summary>The JOSE <c>typ</c> header the token must carry (RFC 8725 3.11: no confusion between kinds).</summary>
    public required string Type { get; init; }

    public required string Issuer { get; init; }

    public required string Audience { get; init; }

    /// <summary>The allow-list of <c>alg</c> values; each must be in <see cref="Grains.Keys.JwsAlgorithms"/>.</summary>
    public required IReadOnlyList<string> Algorithms { get; init; }

    /// <summary>The verification key for a <c>kid</c>, or null; keys named by the token itself are never used.</summary>
    public required Func<string?, SecurityKey?> FindKey { get; init; }

    public IReadOnlyDictionary<string, ClaimShape> RequiredClaims { get; init; } = new Dictionary<string, ClaimShape>();

    /// <summary>Claims that may be absent but, when present, must have this shape.</summary>
    public IReadOnlyDictionary<string, ClaimShape> OptionalClaims { get; init; } = new Dictionary<string, ClaimShape>();

    /// <summary>Reads the verified claims (an object whose declared claims have their shapes).</summary>
    public required Func<JsonElement, TIdentity> ReadIdentity { get; init; }

    public int MaxLength { get; init; } = 8 * 1024;

    /// <summary>Bounds the cache of verified tokens of this kind.</summary>
    public int CacheSize { get; init; } = 20_000;

    public string InvalidCode { get; init; } = ErrorCodes.InvalidToken;

    public string BadIssuerCode { get; init; } = ErrorCodes.BadIssuer;

    public string BadAudienceCode { get; init; } = ErrorCodes.BadAudience;
}
