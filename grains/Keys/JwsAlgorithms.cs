using System.Collections.Frozen;

namespace SessionService.Grains.Keys;

/// <summary>
/// The JWS algorithms this service knows, and what each needs of its key. Key creation, PEM loading,
/// JWKS publishing, option validation and token verification all read this table.
/// </summary>
public static class JwsAlgorithms
{
    public const int MinRsaKeyBits = 2048;

    /// <summary>Size of the RSA keys the key ring creates (above the minimum, for a key that lives for months).</summary>
    public const int CreatedRsaKeyBits = 3072;

    public static readonly IReadOnlyList<JwsAlgorithm> All =
    [
        new("ES256", JwsAlgorithmFamily.Ecdsa, 256, "EC", "P-256", 256, SignsHere: true),
        new("ES384", JwsAlgorithmFamily.Ecdsa, 384, "EC", "P-384", 384, SignsHere: true),
        new("ES512", JwsAlgorithmFamily.Ecdsa, 512, "EC", "P-521", 521, SignsHere: true),
        new("RS256", JwsAlgorithmFamily.RsaPkcs1, 256, "RSA", null, MinRsaKeyBits, SignsHere: true),
        new("RS384", JwsAlgorithmFamily.RsaPkcs1, 384, "RSA", null, MinRsaKeyBits, SignsHere: true),
        new("RS512", JwsAlgorithmFamily.RsaPkcs1, 512, "RSA", null, MinRsaKeyBits, SignsHere: true),
        new("PS256", JwsAlgorithmFamily.RsaPss, 256, "RSA", null, MinRsaKeyBits, SignsHere: true),
        new("PS384", JwsAlgorithmFamily.RsaPss, 384, "RSA", null, MinRsaKeyBits, SignsHere: true),
        new("PS512", JwsAlgorithmFamily.RsaPss, 512, "RSA", null, MinRsaKeyBits, SignsHere: true),
        new("HS256", JwsAlgorithmFamily.Hmac, 256, "oct", null, 256, SignsHere: true),
        new("HS384", JwsAlgorithmFamily.Hmac, 384, "oct", null, 384, SignsHere: true),
        new("HS512", JwsAlgorithmFamily.Hmac, 512, "oct", null, 512, SignsHere: true),
        // Ed25519 (RFC 8037): partners' keys for the gateway. .NET has no Ed25519, so never ours to sign with.
        new("EdDSA", JwsAlgorithmFamily.EdDsa, 512, "OKP", "Ed25519", 256, SignsHere: false),
    ];

    private static readonly FrozenDictionary<string, JwsAlgorithm> ByName = All.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>The algorithms our own tokens may be signed with (<c>Auth:SigningAlgorithm</c>).</summary>
    public static readonly IReadOnlyList<string> Signable = All.Where(a => a.SignsHere).Select(a => a.Name).ToArray();

    /// <summary>The row for an <c>alg</c> value (case-sensitive, as RFC 7515 says), or null.</summary>
    public static JwsAlgorithm? Find(string? name) =>
        name is not null && ByName.TryGetValue(name, out var algorithm) ? algorithm : null;

    public static JwsAlgorithm Get(string name) =>
        Find(name) ?? throw new ArgumentException($"Unknown JWS algorithm '{name}'.", nameof(name));
}
