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
}
