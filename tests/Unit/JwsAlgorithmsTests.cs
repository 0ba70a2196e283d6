using System.Security.Cryptography;
using SessionService.Api.Tokens;
using SessionService.Grains;
using SessionService.Grains.Keys;

namespace SessionService.Tests.Unit;

public sealed class JwsAlgorithmsTests
{
    public static TheoryData<string> AsymmetricSignable =>
        new(JwsAlgorithms.All.Where(a => a.SignsHere && a.Family != JwsAlgorithmFamily.Hmac).Select(a => a.Name));

    [Theory]
    [MemberData(nameof(AsymmetricSignable))]
    public void CreatePkcs8_MakesAKeyThatFitsItsOwnRow_ForEverySignableAlgorithm(string algorithm)
    {
        var row = JwsAlgorithms.Get(algorithm);
        var pkcs8 = SigningKeyFactory.CreatePkcs8(algorithm);
        using AsymmetricAlgorithm key = row.Family == JwsAlgorithmFamily.Ecdsa ? ECDsa.Create() : RSA.Create();

        key.ImportPkcs8PrivateKey(pkcs8, out _);

        Assert.Null(row.Unfit(key));
        Assert.Equal(row.IsRsa ? JwsAlgorithms.CreatedRsaKeyBits : row.KeyBits, key.KeySize);
    }

    [Theory]
    [InlineData("EdDSA")]
    [InlineData("HS256")]
    [InlineData("none")]
    public void CreatePkcs8_Throws_WhenAlgorithmHasNoKeyWeCreate(string algorithm)
    {
        Assert.Throws<ArgumentException>(() => SigningKeyFactory.CreatePkcs8(algorithm));
    }

    [Fact]
    public void Table_HasAVerifyOnlyEd25519Row_ThatStartUpRefusesForSigning()
    {
        var eddsa = JwsAlgorithms.Get("EdDSA");

        Assert.Equal(("OKP", "Ed25519", false), (eddsa.KeyType, eddsa.Curve, eddsa.SignsHere));
        Assert.DoesNotContain("EdDSA", AuthOptionsValidator.SupportedAlgorithms);
        Assert.Equal(JwsAlgorithms.Signable, AuthOptionsValidator.SupportedAlgorithms);
    }

    [Theory]
    [InlineData("HS256", 32)]
    [InlineData("HS384", 48)]
    [InlineData("HS512", 64)]
    [InlineData("ES256", 0)]
    public void MinSecretBytes_IsTheHashSize_ForHmacOnly(string algorithm, int expected)
    {
        Assert.Equal(expected, JwsAlgorithms.Get(algorithm).MinSecretBytes);
    }

    [Fact]
    public void Find_IsCaseSensitive_AndKnowsNoNone()
    {
        Assert.Null(JwsAlgorithms.Find("es256"));
        Assert.Null(JwsAlgorithms.Find("none"));
        Assert.Null(JwsAlgorithms.Find(null));
        Assert.NotNull(JwsAlgorithms.Find("PS384"));
    }

    [Fact]
    public void ImportPublic_ReturnsOnlyThePublicHalf_WhenPemFitsTheAlgorithm()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        using var key = SigningKeyFiles.ImportPublic(ec.ExportSubjectPublicKeyInfoPem(), "ES384");

        var imported = Assert.IsAssignableFrom<ECDsa>(key);
        Assert.Equal(ec.ExportSubjectPublicKeyInfo(), imported.ExportSubjectPublicKeyInfo());
        Assert.ThrowsAny<CryptographicException>(() => imported.ExportParameters(includePrivateParameters: true));
    }

    [Fact]
    public void ImportPublic_ReturnsThePublicHalf_WhenGivenAPrivateRsaPem()
    {
        using var rsa = RSA.Create(2048);

        using var key = SigningKeyFiles.ImportPublic(rsa.ExportPkcs8PrivateKeyPem(), "PS256");

        Assert.ThrowsAny<CryptographicException>(() => ((RSA)key).ExportParameters(includePrivateParameters: true));
    }

    [Fact]
    public void ImportPublic_Throws_WhenCurveIsWrong()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var error = Assert.ThrowsAny<CryptographicException>(() => SigningKeyFiles.ImportPublic(ec.ExportSubjectPublicKeyInfoPem(), "ES512"));

        Assert.Contains("P-521", error.Message);
    }

    [Fact]
    public void ImportPublic_Throws_WhenRsaKeyIsTooSmall()
    {
        using var rsa = RSA.Create(1024);

        var error = Assert.ThrowsAny<CryptographicException>(() => SigningKeyFiles.ImportPublic(rsa.ExportSubjectPublicKeyInfoPem(), "RS256"));

        Assert.Contains("2048", error.Message);
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public void ImportPublic_Throws_WhenKeyTypeDoesNotMatchTheAlgorithm(string algorithm)
    {
        using AsymmetricAlgorithm other = algorithm == "ES256" ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.ThrowsAny<CryptographicException>(() => SigningKeyFiles.ImportPublic(other.ExportSubjectPublicKeyInfoPem(), algorithm));
    }

    [Fact]
    public void ImportPublic_Throws_ForEdDsa_WhichDotNetCannotLoad()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var error = Assert.ThrowsAny<CryptographicException>(() => SigningKeyFiles.ImportPublic(ec.ExportSubjectPublicKeyInfoPem(), "EdDSA"));

        Assert.Contains("Ed25519", error.Message);
    }
}
