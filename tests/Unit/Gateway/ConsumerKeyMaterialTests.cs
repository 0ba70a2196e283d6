using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using SessionService.Api.Gateway;
using SessionService.Api.Gateway.Verification;

namespace SessionService.Tests.Unit.Gateway;

public sealed class ConsumerKeyMaterialTests
{
    private static readonly Lazy<RSA> Rsa2048 = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> Rsa1024 = new(() => RSA.Create(1024));

    private static string Ec(ECCurve curve)
    {
        using var ec = ECDsa.Create(curve);
        return ec.ExportSubjectPublicKeyInfoPem();
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("RS512")]
    [InlineData("PS256")]
    [InlineData("PS384")]
    public void Rsa2048_Fits_AsSpkiOrPkcs1(string algorithm)
    {
        Assert.Null(ConsumerKeyMaterial.Problem(algorithm, null, Rsa2048.Value.ExportSubjectPublicKeyInfoPem()));
        Assert.Null(ConsumerKeyMaterial.Problem(algorithm, null, Rsa2048.Value.ExportRSAPublicKeyPem()));
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS512")]
    public void Rsa1024_IsRefused(string algorithm)
    {
        var problem = ConsumerKeyMaterial.Problem(algorithm, null, Rsa1024.Value.ExportSubjectPublicKeyInfoPem());

        Assert.Contains("2048", problem);
        Assert.NotNull(ConsumerKeyMaterial.Problem(algorithm, null, Rsa1024.Value.ExportRSAPublicKeyPem()));
    }

    [Fact]
    public void EcKeys_FitOnlyTheirOwnCurve()
    {
        var p256 = Ec(ECCurve.NamedCurves.nistP256);
        var p384 = Ec(ECCurve.NamedCurves.nistP384);
        var p521 = Ec(ECCurve.NamedCurves.nistP521);

        Assert.Null(ConsumerKeyMaterial.Problem("ES256", null, p256));
        Assert.Null(ConsumerKeyMaterial.Problem("ES384", null, p384));
        Assert.Null(ConsumerKeyMaterial.Problem("ES512", null, p521));
        Assert.Equal("ES256 needs an EC P-256 public key, this one is EC P-384", ConsumerKeyMaterial.Problem("ES256", null, p384));
        Assert.NotNull(ConsumerKeyMaterial.Problem("ES384", null, p256));
        Assert.NotNull(ConsumerKeyMaterial.Problem("ES512", null, p384));
    }

    [Fact]
    public void EcKeyOnAnotherCurveOfTheSameSize_IsRefused()
    {
        ECDsa secp256k1;
        try
        {
            secp256k1 = ECDsa.Create(ECCurve.CreateFromFriendlyName("secP256k1"));
        }
        catch (PlatformNotSupportedException)
        {
            return;
        }

        using (secp256k1)
        {
            Assert.NotNull(ConsumerKeyMaterial.Problem("ES256", null, secp256k1.ExportSubjectPublicKeyInfoPem()));
        }
    }

    [Fact]
    public void KeysOfAnotherType_AreRefused()
    {
        var rsa = Rsa2048.Value.ExportSubjectPublicKeyInfoPem();
        var p256 = Ec(ECCurve.NamedCurves.nistP256);
        var ed25519 = ConsumerKey.NewEd25519().PublicPem;

        Assert.Equal("ES256 needs an EC P-256 public key, this one is RSA", ConsumerKeyMaterial.Problem("ES256", null, rsa));
        Assert.NotNull(ConsumerKeyMaterial.Problem("RS256", null, p256));
        Assert.NotNull(ConsumerKeyMaterial.Problem("PS256", null, ed25519));
        Assert.NotNull(ConsumerKeyMaterial.Problem("ES256", null, ed25519));
        Assert.NotNull(ConsumerKeyMaterial.Problem("EdDSA", null, p256));
        Assert.NotNull(ConsumerKeyMaterial.Problem("EdDSA", null, rsa));
        Assert.NotNull(ConsumerKeyMaterial.Problem("EdDSA", null, Rsa2048.Value.ExportRSAPublicKeyPem()));
    }

    [Fact]
    public void Ed25519_Fits_AndEd448_IsRefused()
    {
        Assert.Null(ConsumerKeyMaterial.Problem("EdDSA", null, ConsumerKey.NewEd25519().PublicPem));

        var ed448 = new Ed448PrivateKeyParameters(new SecureRandom()).GeneratePublicKey();
        var ed448Pem = PemEncoding.WriteString("PUBLIC KEY", SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(ed448).GetEncoded());
        Assert.NotNull(ConsumerKeyMaterial.Problem("EdDSA", null, ed448Pem));
    }

    [Fact]
    public void EcPointOffTheCurve_IsRefused()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = ec.ExportSubjectPublicKeyInfo();
        spki[^1] ^= 0x01;

        Assert.NotNull(ConsumerKeyMaterial.Problem("ES256", null, PemEncoding.WriteString("PUBLIC KEY", spki)));
    }

    [Fact]
    public void Ed25519KeyThatIsNoPoint_IsRefused_AndItsCredentialNeverVerifies()
    {
        // y = 2 is not the y of any Ed25519 point (x^2 = (y^2 - 1) / (d y^2 + 1) has no root).
        var notAPoint = new byte[32];
        notAPoint[0] = 2;
        var spki = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(ConsumerKey.NewEd25519Public()).GetEncoded();
        notAPoint.CopyTo(spki, spki.Length - 32);
        var pem = PemEncoding.WriteString("PUBLIC KEY", spki);

        Assert.NotNull(ConsumerKeyMaterial.Problem("EdDSA", null, pem));
        var rig = new VerifierRig();
        rig.Credentials.Put(new GatewayCredential("c", "partner-key", "EdDSA", new GatewayConsumer("p", null, null), null, pem));
        var stranger = ConsumerKey.Create("EdDSA");
        Assert.Equal(GatewayCodes.InvalidSignature, rig.Verify(stranger.Token(new { iss = "partner-key", exp = rig.Now + 60, nbf = rig.Now })).Code);
    }

    [Fact]
    public void Ed25519KeyOfSmallOrder_IsRefused()
    {
        // The identity point (y = 1) has order 1: every signature with R = identity and S = 0 would verify.
        var identity = new byte[32];
        identity[0] = 1;
        var spki = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(ConsumerKey.NewEd25519Public()).GetEncoded();
        identity.CopyTo(spki, spki.Length - 32);

        Assert.NotNull(ConsumerKeyMaterial.Problem("EdDSA", null, PemEncoding.WriteString("PUBLIC KEY", spki)));
    }

    [Theory]
    [InlineData("HS256", 31, false)]
    [InlineData("HS256", 32, true)]
    [InlineData("HS384", 47, false)]
    [InlineData("HS384", 48, true)]
    [InlineData("HS512", 63, false)]
    [InlineData("HS512", 64, true)]
    [InlineData("HS512", 200, true)]
    public void HmacSecret_MustBeAtLeastTheHashOutput(string algorithm, int bytes, bool fits)
    {
        var problem = ConsumerKeyMaterial.Problem(algorithm, new byte[bytes], null);

        Assert.Equal(fits, problem is null);
    }

    [Fact]
    public void HmacWithoutASecret_IsRefused()
    {
        Assert.NotNull(ConsumerKeyMaterial.Problem("HS256", null, null));
        Assert.NotNull(ConsumerKeyMaterial.Problem("HS256", [], null));
    }

    public static TheoryData<string?> NotAPublicKeyPem()
    {
        using var rsa = RSA.Create(2048);
        var spki = rsa.ExportSubjectPublicKeyInfoPem();
        return new TheoryData<string?>
        {
            null,
            "",
            "   ",
            "garbage",
            "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----",
            "-----BEGIN RSA PUBLIC KEY-----\nbm90IGEga2V5\n-----END RSA PUBLIC KEY-----",
            rsa.ExportPkcs8PrivateKeyPem(),
            rsa.ExportRSAPrivateKeyPem(),
            spki.Replace("PUBLIC KEY", "CERTIFICATE"),
            spki.Replace("MII", "MIJ"),
        };
    }

    [Theory]
    [MemberData(nameof(NotAPublicKeyPem))]
    public void MissingOrUnreadablePem_IsRefused(string? pem)
    {
        Assert.NotNull(ConsumerKeyMaterial.Problem("RS256", null, pem));
        Assert.NotNull(ConsumerKeyMaterial.Problem("EdDSA", null, pem));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("hs256")]
    [InlineData("")]
    public void UnknownAlgorithm_IsRefused(string algorithm)
    {
        Assert.NotNull(ConsumerKeyMaterial.Problem(algorithm, new byte[64], Rsa2048.Value.ExportSubjectPublicKeyInfoPem()));
    }

    [Fact]
    public void CredentialWithUnfitMaterial_NeverVerifies()
    {
        var rig = new VerifierRig();
        var rsa = Rsa1024.Value;
        var weak = new GatewayCredential("c", "partner-key", "RS256", new GatewayConsumer("p", null, null), null, rsa.ExportSubjectPublicKeyInfoPem());
        rig.Credentials.Put(weak);
        var key = ConsumerKey.Custom("RS256", data => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        Assert.Equal(GatewayCodes.InvalidSignature, rig.Verify(key.Token(new { iss = "partner-key", exp = rig.Now + 60, nbf = rig.Now })).Code);
    }

    [Theory]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==", 16)]
    [InlineData("AAECAwQFBgcICQoLDA0ODw", 16)]
    [InlineData("+/+/", 3)]
    [InlineData("-_-_", 3)]
    [InlineData("+_-/", 3)]
    [InlineData("YQ", 1)]
    [InlineData("YQ==", 1)]
    public void Base64Secret_DecodesEitherAlphabet_PaddedOrNot(string text, int bytes)
    {
        var secret = ConsumerKeyMaterial.DecodeBase64Secret(text);

        Assert.NotNull(secret);
        Assert.Equal(bytes, secret.Length);
    }

    [Fact]
    public void Base64Secret_DecodesToTheSameBytes_InEveryForm()
    {
        var bytes = RandomNumberGenerator.GetBytes(48);
        var standard = Convert.ToBase64String(bytes);

        Assert.Equal(bytes, ConsumerKeyMaterial.DecodeBase64Secret(standard));
        Assert.Equal(bytes, ConsumerKeyMaterial.DecodeBase64Secret(standard.TrimEnd('=')));
        Assert.Equal(bytes, ConsumerKeyMaterial.DecodeBase64Secret(standard.Replace('+', '-').Replace('/', '_')));
    }

    [Fact]
    public void SecretBytes_AreUtf8_OrTheBase64Decoding()
    {
        Assert.Equal("héllo"u8.ToArray(), ConsumerKeyMaterial.SecretBytes("héllo", secretIsBase64: false));
        Assert.Equal("hello"u8.ToArray(), ConsumerKeyMaterial.SecretBytes("aGVsbG8", secretIsBase64: true));
        Assert.Null(ConsumerKeyMaterial.SecretBytes("h é", secretIsBase64: true));
        Assert.Null(ConsumerKeyMaterial.SecretBytes("", secretIsBase64: false));
        Assert.Null(ConsumerKeyMaterial.SecretBytes(null, secretIsBase64: true));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("Y")]
    public void Base64Secret_ThatIsNotBase64_IsNull(string? text)
    {
        Assert.Null(ConsumerKeyMaterial.DecodeBase64Secret(text));
    }
}
