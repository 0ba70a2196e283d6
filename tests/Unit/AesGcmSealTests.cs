using System.Security.Cryptography;
using SessionService.Grains.Tokens;

namespace SessionService.Tests.Unit;

public sealed class AesGcmSealTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Seal_LaysOutNonceTagCiphertext_WhichPlainAesGcmOpens()
    {
        var plaintext = "some plaintext"u8.ToArray();
        var associated = "kid-1"u8.ToArray();

        var sealedBytes = AesGcmSeal.Seal(Key, plaintext, associated);

        Assert.Equal(12 + 16 + plaintext.Length, sealedBytes.Length);
        var opened = new byte[plaintext.Length];
        using var aes = new AesGcm(Key, 16);
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), opened, associated);
        Assert.Equal(plaintext, opened);
    }

    [Fact]
    public void Open_Throws_WhenKeyAssociatedDataOrBytesDiffer()
    {
        var sealedBytes = AesGcmSeal.Seal(Key, "secret"u8, "kid-1"u8);
        var tampered = (byte[])sealedBytes.Clone();
        tampered[^1] ^= 1;

        Assert.Equal("secret"u8.ToArray(), AesGcmSeal.Open(Key, sealedBytes, "kid-1"u8));
        Assert.ThrowsAny<CryptographicException>(() => AesGcmSeal.Open(Key, sealedBytes, "kid-2"u8));
        Assert.ThrowsAny<CryptographicException>(() => AesGcmSeal.Open(new byte[32], sealedBytes, "kid-1"u8));
        Assert.ThrowsAny<CryptographicException>(() => AesGcmSeal.Open(Key, tampered, "kid-1"u8));
        Assert.ThrowsAny<CryptographicException>(() => AesGcmSeal.Open(Key, sealedBytes.AsSpan(0, 27), "kid-1"u8));
    }

    [Fact]
    public void TryOpen_ReturnsNull_WhenBytesDoNotAuthenticateOrAreTruncated()
    {
        var sealedBytes = AesGcmSeal.Seal(Key, "secret"u8);

        Assert.Equal("secret"u8.ToArray(), AesGcmSeal.TryOpen(Key, sealedBytes));
        Assert.Null(AesGcmSeal.TryOpen(new byte[32], sealedBytes));
        Assert.Null(AesGcmSeal.TryOpen(Key, sealedBytes.AsSpan(0, 20)));
    }
}
