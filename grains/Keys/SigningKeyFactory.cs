using System.Security.Cryptography;

namespace SessionService.Grains.Keys;

/// <summary>Makes a new private key fit for a JWS algorithm, exported as PKCS#8.</summary>
public static class SigningKeyFactory
{
    public static byte[] CreatePkcs8(string algorithm)
    {
        var row = JwsAlgorithms.Find(algorithm);
        using AsymmetricAlgorithm key = row switch
        {
            { SignsHere: false } => throw new ArgumentException($"'{algorithm}' is for verification only; this service cannot sign with it.", nameof(algorithm)),
            { Family: JwsAlgorithmFamily.Ecdsa } => ECDsa.Create(row.EcCurve),
            { IsRsa: true } => RSA.Create(JwsAlgorithms.CreatedRsaKeyBits),
            _ => throw new ArgumentException($"No key type for algorithm '{algorithm}'.", nameof(algorithm)),
        };
        return key.ExportPkcs8PrivateKey();
    }
}
