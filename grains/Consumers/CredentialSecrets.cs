using SessionService.Grains.Keys;

namespace SessionService.Grains.Consumers;

/// <summary>How an HS credential's secret is sealed at rest and opened on an API node: bound to the credential id.</summary>
public static class CredentialSecrets
{
    public static byte[] Seal(KeyProtector protector, string credentialId, byte[] secret) =>
        protector.Protect(secret, Purpose(credentialId));

    public static byte[] Open(KeyProtector protector, string credentialId, byte[] sealedSecret) =>
        protector.Unprotect(sealedSecret, Purpose(credentialId));

    private static string Purpose(string credentialId) => "consumer-credential:" + credentialId;
}
