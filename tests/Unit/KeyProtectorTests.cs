using System.Security.Cryptography;
using SessionService.Grains.Keys;

namespace SessionService.Tests.Unit;

public sealed class KeyProtectorTests
{
    [Fact]
    public void Unprotect_RoundTrips_OnlyWithSameKeyAndKeyId()
    {
        var secret = RandomNumberGenerator.GetBytes(40);
        var protector = KeyProtector.FromSecret(Convert.ToBase64String(secret));
        var privateKey = RandomNumberGenerator.GetBytes(138);

        var protectedKey = protector.Protect(privateKey, "kid-1");

        Assert.Equal(privateKey, protector.Unprotect(protectedKey, "kid-1"));
        Assert.False(protectedKey.AsSpan().IndexOf(privateKey.AsSpan(0, 16)) >= 0);
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(protectedKey, "kid-2"));
        Assert.ThrowsAny<CryptographicException>(() => KeyProtector.FromSecret("another-secret-of-enough-length-0123456789").Unprotect(protectedKey, "kid-1"));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(protectedKey[..20], "kid-1"));
    }

    /// <summary>Bytes protected by the release before <c>AesGcmSeal</c> existed: databases hold keys like this.</summary>
    [Fact]
    public void Unprotect_OpensKeys_ProtectedByEarlierReleases()
    {
        var protector = KeyProtector.FromSecret("layout-vector-secret-0123456789abcdef");
        var storedEarlier = Convert.FromHexString(
            "4f38abfea1f3aafcb332208e7889170446f3d2587383a95e79efa6d470ac6c669bf8996926340413052c1163b369112e5d1615");

        Assert.Equal("pkcs8-private-key-bytes"u8.ToArray(), protector.Unprotect(storedEarlier, "kid-vector"));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(storedEarlier, "kid-other"));
    }
}
