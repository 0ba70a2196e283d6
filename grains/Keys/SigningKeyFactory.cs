using System.Security.Cryptography;

namespace SessionService.Grains.Keys;

/// <summary>Makes a new private key fit for a JWS algorithm, exported as PKCS#8.</summary>
public static class SigningKeyFactory
{
    public static byte[] CreatePkcs8(string algorithm)
    {
        switch (algorithm)
        {
            case "ES256": return CreateEc(ECCurve.NamedCurves.nistP256);
            case "ES384": return CreateEc(ECCurve.NamedCurves.nistP384);
            case "ES512": return CreateEc(ECCurve.NamedCurves.nistP521);
            case "RS256" or "RS384" or "RS512" or "PS256" or "PS384" or "PS512":
                using (var rsa = RSA.Create(3072))
                {
                    return rsa.ExportPkcs8PrivateKey();
                }

            default:
                throw new ArgumentException($"No key type for algorithm '{algorithm}'.", nameof(algorithm));
        }
    }

    private static byte[] CreateEc(ECCurve curve)
    {
        using var ec = ECDsa.Create(curve);
        return ec.ExportPkcs8PrivateKey();
    }
}
