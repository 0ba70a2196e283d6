namespace SessionService.Grains.Keys;

/// <summary>How a JWS algorithm signs (RFC 7518 section 3, RFC 8037 for EdDSA).</summary>
public enum JwsAlgorithmFamily
{
    Hmac,
    RsaPkcs1,
    RsaPss,
    Ecdsa,
    EdDsa,
}
