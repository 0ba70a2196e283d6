using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using SessionService.Api.Gateway;
using SessionService.Api.Gateway.Verification;
using SessionService.Grains.Keys;

namespace SessionService.Tests.Unit.Gateway;

public sealed class ConsumerSignatureTests
{
    private static object Claims(VerifierRig rig) => new { iss = "partner-key", exp = rig.Now + 60, nbf = rig.Now - 60 };

    [Theory]
    [MemberData(nameof(ConsumerKey.AllAlgorithms), MemberType = typeof(ConsumerKey))]
    public void ValidSignature_Verifies_AsTheCredential(string algorithm)
    {
        var rig = new VerifierRig();
        var key = ConsumerKey.Create(algorithm);
        var credential = rig.Credentials.Add(key);

        var verdict = rig.Verify(key.Token(Claims(rig)));

        Assert.True(verdict.Succeeded, verdict.ToString());
        Assert.Same(credential, verdict.Credential);
    }

    [Theory]
    [MemberData(nameof(ConsumerKey.AllAlgorithms), MemberType = typeof(ConsumerKey))]
    public void FlippedSignatureByte_IsInvalidSignature(string algorithm)
    {
        var rig = new VerifierRig();
        var key = ConsumerKey.Create(algorithm);
        rig.Credentials.Add(key);

        var verdict = rig.Verify(Tokens.FlipSignatureByte(key.Token(Claims(rig))));

        Assert.Equal(GatewayCodes.InvalidSignature, verdict.Code);
        Assert.Equal("Invalid signature", verdict.Message);
    }

    [Theory]
    [MemberData(nameof(ConsumerKey.AllAlgorithms), MemberType = typeof(ConsumerKey))]
    public void AnotherAlgInTheHeader_IsInvalidAlgorithm_EvenWhenSignedCorrectly(string algorithm)
    {
        var rig = new VerifierRig();
        var key = ConsumerKey.Create(algorithm);
        rig.Credentials.Add(key);
        var other = algorithm == "HS256" ? "HS384" : "HS256";

        Assert.Equal(GatewayCodes.InvalidAlgorithm, rig.Verify(key.Token(Claims(rig), new { alg = other })).Code);
        Assert.Equal(GatewayCodes.InvalidAlgorithm, rig.Verify(key.Token(Claims(rig), new { alg = algorithm.ToLowerInvariant() })).Code);
        Assert.Equal(GatewayCodes.InvalidAlgorithm, rig.Verify(key.Token(Claims(rig), new { alg = "none" })).Code);
        Assert.Equal(GatewayCodes.InvalidAlgorithm, rig.Verify(key.Token(Claims(rig), new { typ = "JWT" })).Code);
        Assert.Equal("Invalid algorithm", rig.Verify(key.Token(Claims(rig), new { alg = other })).Message);
    }

    [Theory]
    [MemberData(nameof(ConsumerKey.AllAlgorithms), MemberType = typeof(ConsumerKey))]
    public void SignatureByAnotherKeyOfTheSameAlgorithm_IsInvalidSignature(string algorithm)
    {
        var rig = new VerifierRig();
        rig.Credentials.Add(ConsumerKey.Create(algorithm));
        var stranger = JwsAlgorithms.Get(algorithm).IsRsa
            ? ConsumerKeyOfFreshRsa(algorithm)
            : ConsumerKey.Create(algorithm);

        Assert.Equal(GatewayCodes.InvalidSignature, rig.Verify(stranger.Token(Claims(rig))).Code);
    }

    [Fact]
    public void HmacTokenKeyedWithAnRsaCredentialsPublicKey_IsRefusedByThePinnedAlgorithm()
    {
        var rig = new VerifierRig();
        var rsa = ConsumerKey.Create("RS256");
        rig.Credentials.Add(rsa);
        var confused = ConsumerKey.Hmac("HS256", System.Text.Encoding.ASCII.GetBytes(rsa.PublicKeyPem!));

        Assert.Equal(GatewayCodes.InvalidAlgorithm, rig.Verify(confused.Token(Claims(rig))).Code);
    }

    [Theory]
    [InlineData("PS256", 20, false)]
    [InlineData("PS256", 64, false)]
    [InlineData("PS256", 32, true)]
    [InlineData("PS512", 32, false)]
    [InlineData("PS512", 64, true)]
    public void PssSignature_NeedsASaltAsLongAsTheHash(string algorithm, int saltBytes, bool valid)
    {
        var rig = new VerifierRig();
        using var rsa = RSA.Create(2048);
        rig.Credentials.Put(new GatewayCredential("c", "partner-key", algorithm, new GatewayConsumer("p", null, null), null, rsa.ExportSubjectPublicKeyInfoPem()));
        var privateKey = DotNetUtilities.GetRsaKeyPair(rsa).Private;
        var key = ConsumerKey.Custom(algorithm, data =>
        {
            IDigest Digest() => algorithm == "PS256" ? new Sha256Digest() : new Sha512Digest();
            var signer = new PssSigner(new RsaBlindedEngine(), Digest(), Digest(), saltBytes);
            signer.Init(true, privateKey);
            signer.BlockUpdate(data, 0, data.Length);
            return signer.GenerateSignature();
        });

        var verdict = rig.Verify(key.Token(Claims(rig)));

        Assert.Equal(valid ? null : GatewayCodes.InvalidSignature, verdict.Code);
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("ES512")]
    public void EcdsaSignatureInDerForm_IsInvalidSignature(string algorithm)
    {
        var rig = new VerifierRig();
        var row = JwsAlgorithms.Get(algorithm);
        using var ec = ECDsa.Create(row.EcCurve);
        var credential = new GatewayCredential("c", "partner-key", algorithm, new GatewayConsumer("p", null, null), null, ec.ExportSubjectPublicKeyInfoPem());
        rig.Credentials.Put(credential);
        var header = Tokens.Segment($$"""{"alg":"{{algorithm}}"}""");
        var payload = Tokens.Segment($$"""{"iss":"partner-key","exp":{{rig.Now + 60}},"nbf":{{rig.Now}}}""");
        var der = ec.SignData(System.Text.Encoding.ASCII.GetBytes(header + "." + payload), new HashAlgorithmName($"SHA{row.HashBits}"), DSASignatureFormat.Rfc3279DerSequence);

        Assert.Equal(GatewayCodes.InvalidSignature, rig.Verify($"{header}.{payload}.{Tokens.Segment(der)}").Code);
    }

    [Theory]
    [MemberData(nameof(ConsumerKey.AllAlgorithms), MemberType = typeof(ConsumerKey))]
    public async Task ManyDistinctTokens_VerifyInParallel_OnOneCredential(string algorithm)
    {
        var rig = new VerifierRig();
        var key = ConsumerKey.Create(algorithm);
        var credential = rig.Credentials.Add(key);
        var tokens = Enumerable.Range(0, 64)
            .Select(i => key.Token(new { iss = "partner-key", exp = rig.Now + 60, nbf = rig.Now, jti = i }))
            .ToArray();
        var forged = tokens.Select(Tokens.FlipSignatureByte).ToArray();

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
            tokens.Select((t, i) => (Good: rig.Verifier.Verify(t), Bad: rig.Verifier.Verify(forged[(i + worker) % forged.Length]))).ToArray())));

        Assert.All(verdicts.SelectMany(v => v), v =>
        {
            Assert.Same(credential, v.Good.Credential);
            Assert.Equal(GatewayCodes.InvalidSignature, v.Bad.Code);
        });
    }

    private static ConsumerKey ConsumerKeyOfFreshRsa(string algorithm)
    {
        var rsa = RSA.Create(2048);
        var row = JwsAlgorithms.Get(algorithm);
        var padding = row.Family == JwsAlgorithmFamily.RsaPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        return ConsumerKey.Custom(algorithm, data => rsa.SignData(data, new HashAlgorithmName($"SHA{row.HashBits}"), padding));
    }
}
