using System.Security.Cryptography;

namespace SessionService.Grains.Keys;

/// <summary>
/// One row of <see cref="JwsAlgorithms"/>: what a JWS algorithm needs of its key.
/// </summary>
/// <param name="Name">The JOSE <c>alg</c> value.</param>
/// <param name="HashBits">Size of the hash it signs over.</param>
/// <param name="KeyType">The JWK <c>kty</c> of its keys.</param>
/// <param name="Curve">The JWK <c>crv</c> for curve-based keys, else null.</param>
/// <param name="KeyBits">Exact key size for a curve, minimum for RSA; for HMAC the minimum secret in bits.</param>
/// <param name="SignsHere">False for algorithms this service can verify for others but never signs with.</param>
public sealed record JwsAlgorithm(string Name, JwsAlgorithmFamily Family, int HashBits, string KeyType, string? Curve, int KeyBits, bool SignsHere)
{
    public bool IsRsa => Family is JwsAlgorithmFamily.RsaPkcs1 or JwsAlgorithmFamily.RsaPss;

    /// <summary>Shortest shared secret accepted (RFC 7518 3.2: at least the hash size); 0 for asymmetric algorithms.</summary>
    public int MinSecretBytes => Family == JwsAlgorithmFamily.Hmac ? KeyBits / 8 : 0;

    /// <summary>The .NET curve for ECDSA rows.</summary>
    public ECCurve EcCurve => Curve switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        "P-521" => ECCurve.NamedCurves.nistP521,
        _ => throw new InvalidOperationException($"{Name} is not an ECDSA algorithm."),
    };

    /// <summary>Why <paramref name="key"/> cannot be used with this algorithm, or null when it fits.</summary>
    public string? Unfit(AsymmetricAlgorithm key) => (Family, key) switch
    {
        (JwsAlgorithmFamily.Ecdsa, ECDsa ec) when ec.KeySize != KeyBits => $"{Name} needs a {Curve} key, this one has {ec.KeySize} bits",
        (JwsAlgorithmFamily.Ecdsa, ECDsa) => null,
        (JwsAlgorithmFamily.RsaPkcs1 or JwsAlgorithmFamily.RsaPss, RSA rsa) when rsa.KeySize < KeyBits => $"RSA keys need at least {KeyBits} bits, this one has {rsa.KeySize}",
        (JwsAlgorithmFamily.RsaPkcs1 or JwsAlgorithmFamily.RsaPss, RSA) => null,
        _ => $"{Name} needs a{(KeyType == "EC" ? "n" : "")} {KeyType}{(Curve is null ? "" : " " + Curve)} key, this one is {key.GetType().Name}",
    };
}
